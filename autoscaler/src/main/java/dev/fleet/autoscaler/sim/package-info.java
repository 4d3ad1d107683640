/**
 * Capacity planning: {@link dev.fleet.autoscaler.sim.Simulator} replays a {@link dev.fleet.autoscaler.sim.Trace} of
 * jobs against any scaling policy, with the same {@code decide} reconcile calls, and reports waits, cost and a time
 * series per policy ({@link dev.fleet.autoscaler.sim.PolicyResult}); {@link dev.fleet.autoscaler.sim.TraceGenerator}
 * makes seeded traces. It is for cli's {@code simulate} and {@code generate-trace} commands only: nothing that runs a
 * live pool depends on it.
 */
package dev.fleet.autoscaler.sim;
