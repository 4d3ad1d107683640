package dev.fleet.lifecycle.bootstrap;

/** Turns a freshly booted VM into a registered, running, ephemeral runner. */
public interface RunnerInstaller {
    /**
     * Installs and starts the runner. Failures are reported in the result, not thrown, so a caller
     * can log them and let the next reconcile pass replace the VM.
     *
     * @param progress told once fleet is logged in to the VM, before the install script runs; not told when the VM
     *                 was never reached
     */
    InstallResult install(InstallTarget target, RunnerSetup setup, InstallProgress progress);
}
