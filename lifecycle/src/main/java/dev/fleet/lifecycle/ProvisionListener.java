package dev.fleet.lifecycle;

/**
 * Hears how each VM of a {@link Provisioning#create} call gets on, e.g. to draw progress. VMs are provisioned
 * in parallel, so the methods are called from several threads at once; they should return quickly.
 */
public interface ProvisionListener {
    ProvisionListener NONE = new ProvisionListener() {
    };

    enum Stage {
        /** Azure is creating the VM. */
        CREATING,
        /** The VM exists; waiting for it to boot and for its sshd to take fleet's login. */
        BOOTING,
        /** Logged in to the VM over SSH; the install script runs. */
        INSTALLING,
        /** Installed; waiting for GitHub to list the runner online. */
        WAITING_FOR_ONLINE
    }

    default void stage(String vmName, Stage stage) {
    }

    /** The VM's last word: online, or failed and cleaned up. */
    default void finished(ProvisionOutcome outcome) {
    }
}
