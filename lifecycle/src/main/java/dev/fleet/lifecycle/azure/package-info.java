/**
 * fleet's side of Azure, over Resource Manager: {@link dev.fleet.lifecycle.azure.VmProvider} creates a runner VM from
 * a {@link dev.fleet.lifecycle.azure.VmRequest} (with its pool's NSG and VNet, its public IP and NIC), lists a pool's
 * or a resource group's VMs and network by fleet's tags, and deletes them, a resource already gone counting as
 * deleted. {@link dev.fleet.lifecycle.azure.AzureVmProviderFactory} builds providers and the
 * {@link dev.fleet.lifecycle.azure.AzureAccount} that {@code enable} checks the subscription and resource group with,
 * signed in as {@code azure.credential} says, each ARM answer told to an
 * {@link dev.fleet.lifecycle.azure.ArmRequestListener}. Nothing untagged, and nothing of another pool, is ever touched.
 */
package dev.fleet.lifecycle.azure;
