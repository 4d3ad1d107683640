package dev.fleet.lifecycle.bootstrap;

import java.util.Objects;

/** Where to install: the VM's SSH endpoint, its admin user, and the keys fleet made for it. */
public record InstallTarget(String host, int port, String user, VmKeys keys) {
    public InstallTarget {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be non-blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, not " + port);
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user must be non-blank");
        }
        Objects.requireNonNull(keys, "keys");
    }
}
