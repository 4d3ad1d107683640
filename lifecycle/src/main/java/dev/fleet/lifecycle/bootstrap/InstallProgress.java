package dev.fleet.lifecycle.bootstrap;

/**
 * Hears an install reach its VM: the VM's sshd took fleet's login and the install script is about to run. What came
 * before is the VM booting; what comes after is the runner being installed, e.g. to time the two apart.
 */
@FunctionalInterface
public interface InstallProgress {
    InstallProgress NONE = () -> { };

    void loggedIn();
}
