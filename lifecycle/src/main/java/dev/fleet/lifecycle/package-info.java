/**
 * A pool's runners brought into being and out of it. {@link dev.fleet.lifecycle.Provisioning} is the one service that
 * changes Azure and GitHub for a pool: it creates runners (VM, install over SSH, wait for the runner online, writing
 * each VM in an {@link dev.fleet.lifecycle.IntentJournal} first), rotates, destroys, force-removes and removes bare
 * registrations. {@link dev.fleet.lifecycle.PoolContext} is a pool resolved from the config once;
 * {@link dev.fleet.lifecycle.PoolRunners} tells which registrations are a pool's.
 */
package dev.fleet.lifecycle;
