package dev.fleet.lifecycle.azure;

import java.util.Objects;

/** What came of reading a VM's serial console ({@link VmProvider#serialConsole}). */
public sealed interface SerialConsole {
    /** The most of a log that is read: its end, which is where a runner that never came online tells why. */
    int MAX_BYTES = 1 << 20;

    /** The log's last {@link #MAX_BYTES} at most, without escape sequences or control characters. */
    record Log(String text) implements SerialConsole {
        public Log {
            Objects.requireNonNull(text, "text");
        }
    }

    /** There is no log to read: the VM is gone, or has written nothing yet. */
    record Unavailable(String why) implements SerialConsole {
        public Unavailable {
            Objects.requireNonNull(why, "why");
        }
    }

    /** Azure refused or failed to hand the log out; one line saying so. */
    record Failed(String why) implements SerialConsole {
        public Failed {
            Objects.requireNonNull(why, "why");
        }
    }
}
