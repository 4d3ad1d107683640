package dev.fleet.autoscaler.sim;

import dev.fleet.autoscaler.Runner;
import dev.fleet.autoscaler.RunnerState;

/**
 * One simulated VM and its runner. A VM has at most one pending event (its boot while provisioning, its job's end
 * while busy), so the VM itself is the event and the event queue allocates nothing per event.
 */
final class Vm {
    final int id;
    final String name;
    final long createdAt;
    /** PROVISIONING, IDLE or BUSY; null once the VM is deleted. */
    RunnerState state = RunnerState.PROVISIONING;
    long since;
    long eventAt;
    /** The idle runner this VM replaces once it is up (rotation), if any. */
    Vm replaces;
    /** The VM being booted to replace this one, so a policy repeating a rotation does not start a second one. */
    Vm replacement;
    private Runner runner;

    Vm(int id, long createdAt) {
        this.id = id;
        this.name = name(id);
        this.createdAt = createdAt;
        this.since = createdAt;
    }

    static String name(int id) {
        String digits = Integer.toString(id);
        return "fleet-r" + "000000".substring(Math.min(digits.length(), 6)) + digits;
    }

    void enter(RunnerState next, long now) {
        state = next;
        since = now;
        runner = null;
    }

    /** The runner as a policy sees it, made once per state rather than once per tick. */
    Runner runner() {
        if (runner == null) {
            runner = new Runner(name, state, Simulator.START.plusMillis(createdAt), Simulator.START.plusMillis(since));
        }
        return runner;
    }
}
