package dev.fleet.github;

/** A just-in-time runner: registered already, started with {@code run.sh --jitconfig <encodedConfig>}. */
public record JitConfig(long runnerId, Secret encodedConfig) {
}
