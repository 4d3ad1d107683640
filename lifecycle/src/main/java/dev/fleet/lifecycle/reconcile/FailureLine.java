package dev.fleet.lifecycle.reconcile;

import com.azure.core.management.exception.ManagementException;
import dev.fleet.github.GitHubException;
import dev.fleet.lifecycle.azure.ArmErrors;
import java.util.Objects;

/**
 * An error as one readable line for a report: Azure's own code and message for an ARM error, GitHub's one-line message
 * (which never holds a token), the exception's type and message otherwise.
 */
final class FailureLine {
    private FailureLine() {
    }

    static String of(RuntimeException e) {
        String line;
        if (e instanceof ManagementException arm) {
            line = "Azure: " + ArmErrors.code(arm) + ": " + ArmErrors.message(arm);
        } else if (e instanceof GitHubException github) {
            line = "GitHub: " + github.getMessage();
        } else {
            line = e.getClass().getSimpleName() + ": " + Objects.requireNonNullElse(e.getMessage(), "no message");
        }
        return oneLine(line);
    }

    /** Line breaks, as in Azure's longer messages, become spaces. */
    static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
