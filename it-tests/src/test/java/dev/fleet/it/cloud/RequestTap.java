package dev.fleet.it.cloud;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * What a test does to fleet's requests on their way through one fake, besides the fake's own answer: it records every
 * call, makes chosen calls meet a fault, and holds the answer to a chosen write so that fleet can be killed right
 * there. The fake's side channel ({@link StatefulWireMock#TEST_ONLY}) passes untouched.
 */
public final class RequestTap {
    /** How long a held answer waits for {@link Hold#release} before it is sent anyway. */
    private static final Duration HOLD_LIMIT = Duration.ofMinutes(2);

    /**
     * A fault a call can meet. Refusals (500, 503, 429) are answered in the fake's place, which does not act on the
     * request; a reset or a timeout comes after the fake acted, as when an answer is lost on its way back.
     */
    public enum Fault {
        HTTP_500("500"),
        HTTP_503("503"),
        THROTTLED_429("429 Retry-After: 1"),
        CONNECTION_RESET("connection reset"),
        READ_TIMEOUT("read timeout");

        private final String label;

        Fault(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Calls that meet {@code fault}, up to {@code times} of them. */
    private static final class Rule {
        final Predicate<String> calls;
        final Fault fault;
        int times;

        Rule(Predicate<String> calls, Fault fault, int times) {
            this.calls = calls;
            this.fault = fault;
            this.times = times;
        }
    }

    /** The answer to one write, held back from fleet until released. */
    public static final class Hold {
        private final int nth;
        private final boolean afterActing;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile String call;

        private Hold(int nth, boolean afterActing) {
            this.nth = nth;
            this.afterActing = afterActing;
        }

        /** Whether the write has come, and is being held. */
        public boolean reached() {
            return reached.getCount() == 0;
        }

        /** "METHOD path" of the held write, once reached. */
        public String call() {
            return call;
        }

        /** Lets the held answer go (to a process that may be gone by now). */
        public void release() {
            released.countDown();
        }

        private void hold(String request) {
            call = request;
            reached.countDown();
            try {
                released.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private IntFunction<HttpAnswer> refusal = HttpAnswer::empty;
    private Duration timeoutDelay = Duration.ofSeconds(5);
    private int writes;
    private int faultsMet;
    private Hold hold;

    /** "METHOD path" of every request fleet sent, reads too, oldest first. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /**
     * The next {@code times} calls whose "METHOD path" {@code calls} accepts meet {@code fault}; a read timeout holds
     * the answer for {@link #timeoutDelay}.
     */
    public synchronized void inject(Predicate<String> calls, Fault fault, int times) {
        rules.add(new Rule(calls, fault, times));
    }

    /** How many requests met a fault so far. */
    public synchronized int faultsMet() {
        return faultsMet;
    }

    /** No more faults, whether spent or not. */
    public synchronized void clearFaults() {
        rules.clear();
    }

    /** How long an answer that meets {@link Fault#READ_TIMEOUT} is held: longer than the client waits. */
    public synchronized void timeoutDelay(Duration delay) {
        timeoutDelay = delay;
    }

    /**
     * Holds the {@code nth} write from now on (1 for the next) until {@link Hold#release}: before the fake acts on
     * it, and then it never does (the connection is reset), or after the fake acted, and then its answer goes back.
     * Replaces a hold not reached yet.
     */
    public synchronized Hold holdWrite(int nth, boolean afterActing) {
        hold = new Hold(writes + nth, afterActing);
        return hold;
    }

    /** How this fake's service words an error with that status, e.g. ARM's {"error": {...}}. */
    synchronized void refusals(IntFunction<HttpAnswer> answer) {
        refusal = answer;
    }

    /** What the tap made of a request before the fake saw it: a refusal in its place, or a fault for after. */
    record Verdict(ResponseDefinition refusal, Fault afterActing, int write) {
    }

    /** Before the fake acts: records the call; a refusal fault answers in the fake's place. */
    Verdict before(FakeRequest request) {
        calls.add(request.toString());
        Hold held;
        Fault fault;
        int write;
        synchronized (this) {
            write = request.isWrite() ? ++writes : 0;
            held = heldAt(write, false);
            fault = faultFor(request);
        }
        if (held != null) {
            // Killed with the write on its way: the service never acts on it.
            held.hold(request.toString());
            return new Verdict(reset(ResponseDefinitionBuilder.responseDefinition()), null, write);
        }
        if (fault == null) {
            return new Verdict(null, null, write);
        }
        return switch (fault) {
            case HTTP_500 -> new Verdict(refusal.apply(500).toResponse(), null, write);
            case HTTP_503 -> new Verdict(refusal.apply(503).toResponse(), null, write);
            case THROTTLED_429 -> new Verdict(refusal.apply(429).withHeader("Retry-After", "1").toResponse(), null,
                    write);
            case CONNECTION_RESET, READ_TIMEOUT -> new Verdict(null, fault, write);
        };
    }

    /** After the fake acted on a request: a hold keeps its answer back; a reset or timeout loses it. */
    ResponseDefinition after(FakeRequest request, ResponseDefinition answer, Verdict verdict) {
        Hold held;
        Duration delay;
        synchronized (this) {
            held = heldAt(verdict.write(), true);
            delay = timeoutDelay;
        }
        Fault fault = verdict.afterActing();
        if (held != null) {
            held.hold(request.toString());
        }
        if (fault == Fault.CONNECTION_RESET) {
            return reset(ResponseDefinitionBuilder.like(answer));
        }
        return fault == Fault.READ_TIMEOUT
                ? ResponseDefinitionBuilder.like(answer).withFixedDelay((int) delay.toMillis()).build()
                : answer;
    }

    private static ResponseDefinition reset(ResponseDefinitionBuilder answer) {
        return answer.withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
    }

    /** The fault this request meets, if a rule still has one for it. */
    private Fault faultFor(FakeRequest request) {
        for (Rule rule : rules) {
            if (rule.times > 0 && rule.calls.test(request.toString())) {
                rule.times--;
                faultsMet++;
                return rule.fault;
            }
        }
        return null;
    }

    /** The hold on write number {@code write} (0: not a write) at this point of its way, if any. */
    private Hold heldAt(int write, boolean afterActing) {
        Hold current = hold;
        return write > 0 && current != null && current.nth == write && current.afterActing == afterActing
                ? current : null;
    }
}
