package dev.fleet.lifecycle;

/**
 * Where provisioning writes down a VM of a pool before the VM's create request goes out, and strikes it off once the
 * VM is online or undone. A process killed in between leaves the entry behind; the next pass removes by it what the
 * process made, instead of waiting out the boot grace for a VM whose SSH keys died with the process.
 */
public interface IntentJournal {
    /** For provisioning outside a reconcile pass, where nothing reads the journal back. */
    IntentJournal NONE = new IntentJournal() {
        @Override
        public void record(String vmName) {
        }

        @Override
        public void clear(String vmName) {
        }
    };

    /** Marks {@code vmName} as being made by this process. */
    void record(String vmName);

    /** The VM is online, or undone: nothing is left to finish. */
    void clear(String vmName);
}
