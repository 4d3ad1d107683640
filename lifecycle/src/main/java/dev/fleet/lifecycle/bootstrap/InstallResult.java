package dev.fleet.lifecycle.bootstrap;

import java.util.List;
import java.util.Objects;

/**
 * How an install went.
 *
 * @param ok         the script ran and exited 0
 * @param exitStatus the script's exit status, or {@link #NO_EXIT_STATUS} when it never ran to the end
 * @param message    one line for a human; never contains the secret
 * @param lastLines  the script's last output lines (redacted), oldest first
 */
public record InstallResult(boolean ok, int exitStatus, String message, List<String> lastLines) {
    public static final int NO_EXIT_STATUS = -1;

    public InstallResult {
        Objects.requireNonNull(message, "message");
        lastLines = List.copyOf(lastLines);
    }

    static InstallResult failedBeforeScript(String message) {
        return new InstallResult(false, NO_EXIT_STATUS, message, List.of());
    }
}
