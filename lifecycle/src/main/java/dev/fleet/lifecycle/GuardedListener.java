package dev.fleet.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a failing progress display from failing provisioning: a listener that throws halfway would otherwise lose the
 * outcomes of VMs that are already online, or leave a VM behind.
 */
final class GuardedListener implements ProvisionListener {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);

    private final ProvisionListener listener;

    GuardedListener(ProvisionListener listener) {
        this.listener = listener;
    }

    @Override
    public void stage(String vmName, Stage stage) {
        try {
            listener.stage(vmName, stage);
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed on {} {}", vmName, stage, e);
        }
    }

    @Override
    public void finished(ProvisionOutcome outcome) {
        try {
            listener.finished(outcome);
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed on {} {}", outcome.vmName(), outcome.status(), e);
        }
    }
}
