package dev.fleet.it.cloud;

import java.util.List;

/** A self-hosted runner as the fake GitHub has it registered. */
public record FakeRunner(long id, String name, List<String> labels, boolean online, boolean busy, boolean ephemeral) {
    public FakeRunner {
        labels = List.copyOf(labels);
    }
}
