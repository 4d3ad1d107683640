package dev.fleet.cli.serve.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.fleet.lifecycle.azure.SerialConsole;
import dev.fleet.lifecycle.reconcile.RunnerView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the API reads and changes of fleet, in the values the commands print with {@code --output json}: the config
 * file as it is at each call, and GitHub and Azure through the services of {@code serve}.
 */
public interface FleetAccess {

    /** The names of the config's pools. */
    List<String> poolNames();

    /** What {@code fleet github-runner status --output json} prints: every pool's settings, a dry-run pass, the last. */
    Object status();

    /** One pool's entry of {@link #status}; empty when the config has no such pool. */
    Optional<Object> pool(String name);

    /** The config's pools as {@code fleet config show --output json} lists them, every default filled in. */
    Object pools();

    /** Every pool's runners with their VM and GitHub state and age, as a dry-run pass sees them now. */
    List<PoolRunner> runners();

    /**
     * Pins {@code pool} at {@code count} runners, or hands it back to its scaling policy when {@code count} is empty,
     * as {@code fleet github-runner scale} does; saved atomically, unless the pool already has that size.
     *
     * @throws Refused naming the field and the rule the change breaks; nothing is changed
     */
    Scaled scale(String pool, OptionalInt count);

    /** The serial console of the runner's VM; empty when no pool of the config has a VM of that name. */
    Optional<SerialConsole> serialConsole(String runner);

    /** A runner as a pass sees it, with its pool. */
    record PoolRunner(String pool, @JsonUnwrapped RunnerView runner) {
        public PoolRunner {
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(runner, "runner");
        }
    }

    /** What a scale did: whether the config changed, and one line saying what the pool does now. */
    record Scaled(String pool, boolean changed, String message) {
        public Scaled {
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(message, "message");
        }
    }

    /** A change the config's rules refuse: one line naming the field and the rule. */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }
}
