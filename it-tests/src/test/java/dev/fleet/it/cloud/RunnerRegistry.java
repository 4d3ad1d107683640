package dev.fleet.it.cloud;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fake GitHub's self-hosted runners and the registration tokens it issued, per scope ({@code owner/repo} or an
 * organization). Not thread-safe: the fake GitHub calls it under its own lock.
 */
final class RunnerRegistry {
    /** The labels GitHub gives a Linux x64 runner unless told not to. */
    static final List<String> DEFAULT_LABELS = List.of("self-hosted", "Linux", "X64");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One registration. {@code credential} is what its run.sh proves itself with. */
    static final class Runner {
        final long id;
        final String scope;
        final String name;
        final List<String> labels;
        final boolean ephemeral;
        final String credential;
        boolean online;
        boolean busy;

        Runner(long id, String scope, String name, List<String> labels, boolean ephemeral, String credential) {
            this.id = id;
            this.scope = scope;
            this.name = name;
            this.labels = List.copyOf(labels);
            this.ephemeral = ephemeral;
            this.credential = credential;
        }

        FakeRunner view() {
            return new FakeRunner(id, name, labels, online, busy, ephemeral);
        }

        /** Whether a job asking for {@code wanted} may run here: every label matches one of the runner's. */
        boolean serves(List<String> wanted) {
            return wanted.stream().allMatch(label -> labels.stream().anyMatch(label::equalsIgnoreCase));
        }
    }

    private final Map<Long, Runner> runners = new LinkedHashMap<>();
    private final Map<String, String> tokenScopes = new LinkedHashMap<>();
    private long nextId = 41;

    /** A new registration or remove token for the scope; earlier ones stay valid, as on GitHub. */
    String issueToken(String scope) {
        String token = secret(15).toUpperCase(Locale.ROOT);
        SecretLedger.track("registration token", token);
        tokenScopes.put(token, scope);
        return token;
    }

    boolean tokenFor(String token, String scope) {
        return scope.equalsIgnoreCase(tokenScopes.get(token));
    }

    /** Registers a runner, offline until its run.sh reports; empty when the scope has one of that name already. */
    Optional<Runner> register(String scope, String name, List<String> labels, boolean ephemeral) {
        if (named(scope, name).isPresent()) {
            return Optional.empty();
        }
        Runner runner = new Runner(nextId++, scope, name, labels, ephemeral, secret(20));
        SecretLedger.track("runner credential", runner.credential);
        runners.put(runner.id, runner);
        return Optional.of(runner);
    }

    Optional<Runner> named(String scope, String name) {
        return runners.values().stream()
                .filter(runner -> runner.scope.equalsIgnoreCase(scope) && runner.name.equals(name)).findFirst();
    }

    /** A runner by name in any scope: test controls name runners, whose names fleet makes unique. */
    Runner named(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no runner " + name + "; there are "
                + runners.values().stream().map(runner -> runner.name).toList()));
    }

    Optional<Runner> find(String name) {
        return runners.values().stream().filter(runner -> runner.name.equals(name)).findFirst();
    }

    Optional<Runner> get(String scope, long id) {
        return Optional.ofNullable(runners.get(id)).filter(runner -> runner.scope.equalsIgnoreCase(scope));
    }

    Optional<Runner> withCredential(String credential) {
        return runners.values().stream().filter(runner -> runner.credential.equals(credential)).findFirst();
    }

    void remove(Runner runner) {
        runners.remove(runner.id);
    }

    List<Runner> in(String scope) {
        return runners.values().stream().filter(runner -> runner.scope.equalsIgnoreCase(scope)).toList();
    }

    List<FakeRunner> all() {
        return runners.values().stream().map(Runner::view).toList();
    }

    /** The runner as GitHub's REST API shows it, shaped on the documented {@code runner} example. */
    static ObjectNode json(Runner runner, String version) {
        ObjectNode body = (ObjectNode) Fixtures.load("github/runner.json");
        body.put("id", runner.id).put("name", runner.name).put("os", "linux")
                .put("status", runner.online ? "online" : "offline").put("busy", runner.busy)
                .put("ephemeral", runner.ephemeral).put("version", version);
        ArrayNode labels = body.putArray("labels");
        for (String label : runner.labels) {
            boolean builtIn = DEFAULT_LABELS.stream().anyMatch(label::equalsIgnoreCase);
            labels.addObject().put("id", labelId(label)).put("name", label).put("type", builtIn ? "read-only" : "custom");
        }
        return body;
    }

    private static long labelId(String label) {
        return Math.abs((long) label.toLowerCase(Locale.ROOT).hashCode()) % 100_000;
    }

    static String secret(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
