package dev.fleet.cli.serve.page;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.fleet.cli.serve.HttpExchanges;
import dev.fleet.lifecycle.plan.RunnerClass;
import dev.fleet.lifecycle.reconcile.PoolReport;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import dev.fleet.lifecycle.reconcile.RunnerView;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the passes of {@code serve} saw, pool by pool, over the last {@link #WINDOW}: the samples the dashboard's chart
 * and its list of passes are drawn from, answered at {@code GET /api/v1/history}. It lives in memory only and is
 * bounded whatever the traffic: a pool keeps one sample a {@link #SLOT} (a burst of passes shows as its last pass,
 * with how many passes it stands for and how many of them failed), and all pools together at most
 * {@link #MAX_SAMPLES}, past which the oldest go first.
 */
public final class PassHistory implements ReconcileListener {
    /** How far back the chart looks. */
    public static final Duration WINDOW = Duration.ofHours(6);
    /** The finest the chart draws: a periodic pass a minute fills every other slot, events fill the rest. */
    public static final Duration SLOT = Duration.ofSeconds(30);
    /** 6 h of 30 s slots for 20 pools (14,400), and room to spare: about 7 MB, a sample taking some 360 bytes. */
    static final int MAX_SAMPLES = 20_000;
    /** A summary carries GitHub's and Azure's error text; its first line is what a list of passes needs. */
    static final int SUMMARY_LIMIT = 200;

    private final Clock clock;
    /**
     * In the order their slots started: the eldest entry is the oldest sample, give or take the one slot by which a
     * later pass of its pool moves it on.
     */
    private final LinkedHashMap<SlotKey, Sample> samples = new LinkedHashMap<>();

    private record SlotKey(String pool, long slot) {
    }

    /**
     * One pool's passes within one slot, as its last pass saw the pool.
     *
     * @param time       when that pass finished
     * @param outcome    how it went
     * @param ok         whether it needs no one's attention
     * @param summary    its one line, cut to {@value #SUMMARY_LIMIT} characters
     * @param queued     its pool's queued jobs; absent when the pass did not look (locked, or failed before)
     * @param inProgress its pool's jobs in progress; absent likewise
     * @param runners    its pool's runners by state; absent likewise
     * @param passes     how many passes of the pool finished in this slot
     * @param failed     how many of them were not ok
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sample(
            @JsonSerialize(using = ToStringSerializer.class) Instant time,
            String pool,
            PoolReport.Status outcome,
            boolean ok,
            String summary,
            Integer queued,
            Integer inProgress,
            Map<RunnerClass, Integer> runners,
            int passes,
            int failed) {

        public Sample {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(summary, "summary");
            runners = runners == null ? null : Collections.unmodifiableMap(byState(runners));
            if (passes < 1 || failed < 0 || failed > passes) {
                throw new IllegalArgumentException("a sample stands for 1 or more passes, of which 0 to all failed; was "
                        + failed + " failed of " + passes);
            }
        }
    }

    /** In the order of {@link RunnerClass}, which is the order a person reads them in: coming, idle, busy, going. */
    private static Map<RunnerClass, Integer> byState(Map<RunnerClass, Integer> runners) {
        Map<RunnerClass, Integer> ordered = new EnumMap<>(RunnerClass.class);
        ordered.putAll(runners);
        return ordered;
    }

    /** What {@code GET /api/v1/history} answers: the samples in time order, and how they were kept. */
    public record History(
            @JsonSerialize(using = ToStringSerializer.class) Duration window,
            @JsonSerialize(using = ToStringSerializer.class) Duration slot,
            List<Sample> samples) {
        public History {
            samples = List.copyOf(samples);
        }
    }

    public PassHistory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void poolFinished(PoolReport report) {
        // The time is read under the lock, so samples are recorded in time order and a reader asking for what came
        // since its last look misses none.
        synchronized (samples) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            SlotKey key = new SlotKey(report.pool(), Math.floorDiv(now.toEpochMilli(), SLOT.toMillis()));
            Sample before = samples.get(key);
            int passes = before == null ? 1 : before.passes() + 1;
            int failed = (before == null ? 0 : before.failed()) + (report.ok() ? 0 : 1);
            samples.put(key, sample(report, now, passes, failed));
            forgetBefore(now.minus(WINDOW));
        }
    }

    /** The samples of the last {@link #WINDOW} that finished after {@code since}, in time order. */
    public History since(Optional<Instant> since) {
        Instant oldest = clock.instant().minus(WINDOW);
        synchronized (samples) {
            forgetBefore(oldest);
            return new History(WINDOW, SLOT, samples.values().stream()
                    .filter(sample -> !sample.time().isBefore(oldest))
                    .filter(sample -> since.isEmpty() || sample.time().isAfter(since.get()))
                    .sorted((a, b) -> a.time().compareTo(b.time()))
                    .toList());
        }
    }

    /** {@code GET /api/v1/history[?since=INSTANT]}: the dashboard asks for what is new since its last look. */
    public HttpHandler route() {
        return this::answer;
    }

    private void answer(HttpExchange exchange) throws IOException {
        if (!HttpExchanges.method(exchange, "GET")) {
            return;
        }
        if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
            HttpExchanges.problem(exchange, 404, "no such route");
            return;
        }
        Optional<String> since = parameter(exchange.getRequestURI().getRawQuery(), "since");
        Optional<Instant> after;
        try {
            after = since.map(Instant::parse);
        } catch (DateTimeParseException e) {
            HttpExchanges.problem(exchange, 400,
                    "since: must be an instant such as 2026-12-08T10:00:00Z, was '" + since.orElseThrow() + "'");
            return;
        }
        HttpExchanges.json(exchange, 200, since(after));
    }

    private static Optional<String> parameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** Drops what is older than {@code oldest}, and the eldest past {@link #MAX_SAMPLES}. */
    private void forgetBefore(Instant oldest) {
        Iterator<Sample> eldest = samples.values().iterator();
        while (eldest.hasNext()) {
            Sample sample = eldest.next();
            if (samples.size() <= MAX_SAMPLES && !sample.time().isBefore(oldest)) {
                return;
            }
            eldest.remove();
        }
    }

    private static Sample sample(PoolReport report, Instant time, int passes, int failed) {
        boolean observed = switch (report.status()) {
            case RECONCILED, DRY_RUN -> true;
            case LOCKED -> false;
            case FAILED -> report.decision().isPresent() || !report.runners().isEmpty();
        };
        Map<RunnerClass, Integer> runners = null;
        if (observed) {
            runners = new EnumMap<>(RunnerClass.class);
            for (RunnerView runner : report.runners()) {
                runners.merge(runner.state(), 1, Integer::sum);
            }
        }
        return new Sample(time, report.pool(), report.status(), report.ok(), cut(report.summary()),
                observed ? report.queue().queued() : null, observed ? report.queue().inProgress() : null, runners,
                passes, failed);
    }

    private static String cut(String summary) {
        return summary.length() <= SUMMARY_LIMIT ? summary : summary.substring(0, SUMMARY_LIMIT - 1) + "…";
    }
}
