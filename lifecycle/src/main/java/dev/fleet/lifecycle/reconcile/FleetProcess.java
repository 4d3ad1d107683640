package dev.fleet.lifecycle.reconcile;

import java.time.Instant;

/**
 * A fleet process, named so that another process can tell whether it still runs: by its pid and, since pids are
 * reused, its start time.
 *
 * @param started when the process started; {@code null} where the system does not say
 */
record FleetProcess(long pid, Instant started) {

    static FleetProcess current() {
        ProcessHandle self = ProcessHandle.current();
        return new FleetProcess(self.pid(), self.info().startInstant().orElse(null));
    }

    boolean alive() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(process -> started == null || process.info().startInstant().map(started::equals).orElse(true))
                .orElse(false);
    }
}
