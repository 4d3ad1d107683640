package dev.fleet.github;

import java.util.List;

/** A self-hosted runner as GitHub reports it. */
public record RunnerInfo(long id, String name, Status status, boolean busy, boolean ephemeral, List<String> labels) {
    public enum Status {
        ONLINE, OFFLINE;

        /** GitHub documents "online" and "offline"; anything else is treated as not reachable. */
        static Status of(String status) {
            return "online".equalsIgnoreCase(status) ? ONLINE : OFFLINE;
        }
    }

    public RunnerInfo {
        labels = List.copyOf(labels);
    }
}
