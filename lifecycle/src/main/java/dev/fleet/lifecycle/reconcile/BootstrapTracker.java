package dev.fleet.lifecycle.reconcile;

import dev.fleet.lifecycle.ProvisionListener;
import dev.fleet.lifecycle.ProvisionOutcome;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a bootstrapping record for each VM while this process provisions it, then passes the news on. A record is
 * written before the VM's create request goes out, so a process killed at any later point leaves a record the next
 * pass reaps the VM by, instead of waiting out the boot grace.
 */
final class BootstrapTracker implements ProvisionListener {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapTracker.class);

    private final StateFolder state;
    private final String pool;
    private final ProvisionListener next;

    BootstrapTracker(StateFolder state, String pool, ProvisionListener next) {
        this.state = state;
        this.pool = pool;
        this.next = next;
    }

    @Override
    public void stage(String vmName, Stage stage) {
        if (stage == Stage.CREATING) {
            try {
                state.recordBootstrapping(pool, vmName);
            } catch (UncheckedIOException e) {
                LOG.warn("no bootstrapping record for {} ({}); should fleet die now, the VM goes after the boot grace",
                        vmName, e.getMessage());
            }
        }
        next.stage(vmName, stage);
    }

    @Override
    public void finished(ProvisionOutcome outcome) {
        try {
            state.clearBootstrapping(pool, outcome.vmName());
        } catch (UncheckedIOException e) {
            LOG.warn("bootstrapping record for {} not deleted ({}); the next pass deletes it", outcome.vmName(),
                    e.getMessage());
        }
        next.finished(outcome);
    }
}
