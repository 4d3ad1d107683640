package dev.fleet.lifecycle.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link ArmStub} for benchmarks: one pool whose network already exists, any number of VMs created in it and deleted
 * from it, the VMs it is told to list, and every answer held back by the same latency, as a distant ARM would.
 */
public final class SlowArm implements AutoCloseable {

    private static final String GROUP = "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/";
    private static final String NETWORK = GROUP + "Microsoft\\.Network/";
    private static final String ANY = "[^/]+";
    // The VM's name is the 8th segment of its path; echoing it keeps runner names apart as Azure would.
    private static final String VM_NAME = "{{request.pathSegments.[7]}}";
    private static final String TEMPLATED = "response-template";

    private final ArmStub arm = new ArmStub();
    private final String pool;

    /** @param sshSources the pool's configured CIDRs, which the existing NSG already allows on {@code sshPort} */
    public SlowArm(String pool, List<String> sshSources, int sshPort, Duration latency) {
        this.pool = pool;
        Map<String, String> poolTags = FleetTags.forPool(pool);
        String nsg = ArmStub.NETWORK + "/networkSecurityGroups/fleet-" + pool + "-nsg";
        String vnet = ArmStub.NETWORK + "/virtualNetworks/fleet-" + pool + "-vnet";
        arm.stub(get(urlPathMatching(NETWORK + "networkSecurityGroups/" + ANY))
                .willReturn(ArmStub.json(200, Fixtures.poolNsg(nsg, sshSources, sshPort, poolTags))));
        arm.stub(get(urlPathMatching(NETWORK + "virtualNetworks/" + ANY))
                .willReturn(ArmStub.json(200, Fixtures.poolVnet(vnet, poolTags))));
        arm.stub(get(urlPathMatching(NETWORK + "virtualNetworks/" + ANY + "/subnets/" + ANY))
                .willReturn(ArmStub.json(200, Fixtures.subnet(vnet + "/subnets/runners"))));
        arm.stub(put(urlPathMatching(NETWORK + "publicIPAddresses/" + ANY))
                .willReturn(ArmStub.json(201, Fixtures.publicIp(ArmStub.NETWORK + "/publicIPAddresses/ip", "20.0.0.4"))));
        arm.stub(put(urlPathMatching(NETWORK + "networkInterfaces/" + ANY))
                .willReturn(ArmStub.json(201, Fixtures.nic(ArmStub.NETWORK + "/networkInterfaces/nic"))));
        arm.putLongRunning(urlPathMatching(GROUP + "Microsoft\\.Compute/virtualMachines/" + ANY), vm(201, "Creating"),
                vm(200, "Succeeded"));
        String deleted = "/subscriptions/" + ArmStub.SUBSCRIPTION + "/providers/Microsoft.Compute/locations/"
                + ArmStub.LOCATION + "/operations/deleted";
        arm.stub(delete(urlPathMatching(GROUP + "Microsoft\\.Compute/virtualMachines/" + ANY))
                .willReturn(aResponse().withStatus(202).withHeader("Azure-AsyncOperation", arm.baseUrl() + deleted)));
        arm.stub(get(urlPathEqualTo(deleted)).willReturn(ArmStub.json(200, Fixtures.parse("{\"status\":\"Succeeded\"}"))));
        lists();
        arm.server.setGlobalFixedDelay(Math.toIntExact(latency.toMillis()));
    }

    /** A provider built the way fleet builds it, talking to this stub. */
    public VmProvider provider() {
        return arm.provider(pool);
    }

    /** ARM lists these VMs of the pool in its resource group from now on, running. */
    public void lists(String... vms) {
        ObjectNode page = Fixtures.JSON.createObjectNode();
        ArrayNode value = page.putArray("value");
        for (String name : vms) {
            value.add(Fixtures.vmWithInstanceView(name, Map.of(FleetTags.MANAGED_BY, FleetTags.FLEET, FleetTags.POOL,
                    pool, FleetTags.RUNNER, name, FleetTags.CREATED, "2026-11-23T15:00:00Z"), "Succeeded", "running"));
        }
        arm.stub(get(urlPathEqualTo(ArmStub.COMPUTE + "/virtualMachines")).willReturn(ArmStub.json(200, page)));
    }

    /** Tells {@code seen} of each request ARM answers, as "METHOD path", on the thread that answered it. */
    public void onRequest(Consumer<String> seen) {
        arm.server.addMockServiceRequestListener((request, response) ->
                seen.accept(request.getMethod() + " " + request.getUrl().replaceFirst("\\?.*", "")));
    }

    /** How many calls ARM got since the last {@link #forgetCalls()}. */
    public int calls() {
        return arm.server.getAllServeEvents().size();
    }

    public void forgetCalls() {
        arm.server.resetRequests();
    }

    private ResponseDefinitionBuilder vm(int status, String provisioningState) {
        Map<String, String> tags = Map.of(FleetTags.MANAGED_BY, FleetTags.FLEET, FleetTags.POOL, pool,
                FleetTags.RUNNER, VM_NAME, FleetTags.CREATED, "2026-11-23T15:00:00Z");
        return ArmStub.json(status, Fixtures.vm(VM_NAME, tags, provisioningState)).withTransformers(TEMPLATED);
    }

    @Override
    public void close() {
        arm.close();
    }
}
