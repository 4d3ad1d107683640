package dev.fleet.cli.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /healthz}: the process answers. {@code /readyz}: every pool of the config had a pass that went through, and
 * recently — what a load balancer or an alert wants to know before trusting the pools to scale.
 */
public final class Health {
    /** A pass may take a few minutes to provision; three intervals without one that went through is not a blip. */
    private static final int STALE_INTERVALS = 3;

    private final PoolPasses passes;
    private final Supplier<List<String>> pools;
    private final Duration interval;
    private final Clock clock;

    /** @param pools the pools of the config as it is now; throws when the config does not load */
    public Health(PoolPasses passes, Supplier<List<String>> pools, Duration interval, Clock clock) {
        this.passes = Objects.requireNonNull(passes, "passes");
        this.pools = Objects.requireNonNull(pools, "pools");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One pool's readiness, as {@code /readyz} lists it; {@code lastPass} is null before the pool's first pass. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PoolReadiness(String pool, boolean ready, Instant lastPass, String why) {
    }

    /** What {@code /readyz} answers; {@code error} says why no pool could be looked at, when none could. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Readiness(boolean ready, List<PoolReadiness> pools, String error) {
    }

    public HttpHandler live() {
        return exchange -> {
            if (HttpExchanges.method(exchange, "GET")) {
                HttpExchanges.text(exchange, 200, "ok");
            }
        };
    }

    public HttpHandler ready() {
        return this::answerReady;
    }

    private void answerReady(HttpExchange exchange) throws IOException {
        if (!HttpExchanges.method(exchange, "GET")) {
            return;
        }
        Readiness readiness = readiness();
        HttpExchanges.json(exchange, readiness.ready() ? 200 : 503, readiness);
    }

    Readiness readiness() {
        List<String> names;
        try {
            names = pools.get();
        } catch (RuntimeException e) {
            return new Readiness(false, List.of(), "config not loaded: " + e.getMessage());
        }
        Instant now = clock.instant();
        Instant staleBefore = now.minus(interval.multipliedBy(STALE_INTERVALS));
        List<PoolReadiness> readiness = new ArrayList<>();
        for (String pool : names) {
            Optional<LastPass> last = Optional.ofNullable(passes.latest().get(pool));
            readiness.add(last.map(pass -> of(pool, pass, staleBefore))
                    .orElseGet(() -> new PoolReadiness(pool, false, null, "no pass yet")));
        }
        return new Readiness(readiness.stream().allMatch(PoolReadiness::ready), readiness, null);
    }

    private static PoolReadiness of(String pool, LastPass pass, Instant staleBefore) {
        Instant finished = pass.finished();
        if (!pass.report().ok()) {
            return new PoolReadiness(pool, false, finished, pass.report().summary());
        }
        if (pass.finished().isBefore(staleBefore)) {
            return new PoolReadiness(pool, false, finished, "no pass went through since " + pass.finished());
        }
        return new PoolReadiness(pool, true, finished, "ok");
    }
}
