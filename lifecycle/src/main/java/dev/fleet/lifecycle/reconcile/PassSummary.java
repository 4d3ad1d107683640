package dev.fleet.lifecycle.reconcile;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A pool's last pass as {@code status} shows it, kept in the state folder between runs. */
public record PassSummary(
        String passId,
        @JsonSerialize(using = ToStringSerializer.class) Instant finished,
        PoolReport.Status status,
        String summary,
        List<String> errors) {

    public PassSummary {
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        errors = List.copyOf(errors);
    }

    static PassSummary of(String passId, Instant finished, PoolReport report) {
        return new PassSummary(passId, finished, report.status(), report.summary(), report.errors());
    }
}
