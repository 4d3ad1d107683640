package dev.fleet.lifecycle;

import dev.fleet.config.PoolConfig.Registration;
import dev.fleet.github.DeleteOutcome;
import dev.fleet.github.GitHubException;
import dev.fleet.github.GitHubRunners;
import dev.fleet.github.JitConfig;
import dev.fleet.github.RegistrationToken;
import dev.fleet.github.RunnerDownload;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.github.Secret;
import dev.fleet.lifecycle.bootstrap.RunnerSetup;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GitHub's runner registry in memory. A runner appears when a JIT config is made for it or when the installer starts
 * one with a valid registration token, and is online from then on unless told otherwise.
 */
public final class FakeGitHub implements GitHubRunners {
    public static final String TOKEN = "AREGTOKENs3cr3t";
    static final String JIT_PREFIX = "JITCONFIGs3cr3t";
    static final String VERSION = "2.330.0";
    static final String SHA256 = "a".repeat(64);
    static final long DEFAULT_GROUP_ID = 1;
    static final long NAMED_GROUP_ID = 7;

    private final Events events;
    private final Map<Long, RunnerInfo> runners = new LinkedHashMap<>();
    private final Map<String, Long> jitConfigs = new HashMap<>();
    private final Map<Long, Long> jitGroups = new HashMap<>();
    private final Map<Long, RunnerScope> scopes = new HashMap<>();
    private long nextId = 100;
    private boolean runnersComeOnline = true;
    private boolean tokensRefused;
    private boolean deletesFail;
    private int lookupsToFail;
    private boolean getsFail;
    private RunnerDownload latest;
    private final Set<RunnerScope> listingFails = new HashSet<>();
    private RunnerScope newRunnersScope;

    FakeGitHub(Events events) {
        this.events = events;
    }

    synchronized void runnersNeverComeOnline() {
        runnersComeOnline = false;
    }

    synchronized void refuseTokens() {
        tokensRefused = true;
    }

    public synchronized void failDeletes() {
        deletesFail = true;
    }

    /** The next {@code count} looks at the runner list fail as an outage would. */
    synchronized void failLookups(int count) {
        lookupsToFail = count;
    }

    /** Every look at a single runner fails from now on; the runner list still answers. */
    synchronized void failRunnerGets() {
        getsFail = true;
    }

    /** What GitHub offers as the latest runner, e.g. one without a checksum as older GHES does. */
    public synchronized void offersLatest(RunnerDownload download) {
        latest = download;
    }

    /** A runner registered earlier, e.g. the one on a VM about to be destroyed. */
    public synchronized RunnerInfo existing(String name, boolean busy) {
        return existing(name, RunnerInfo.Status.ONLINE, busy);
    }

    public synchronized RunnerInfo existing(String name, RunnerInfo.Status status, boolean busy) {
        return existing(name, status, busy, List.of("self-hosted"));
    }

    public synchronized RunnerInfo existing(String name, RunnerInfo.Status status, boolean busy, List<String> labels) {
        RunnerInfo runner = new RunnerInfo(nextId++, name, status, busy, true, labels);
        runners.put(runner.id(), runner);
        return runner;
    }

    /** A runner registered in {@code scope} only; the others, made without one, show in every scope. */
    public synchronized RunnerInfo existingIn(RunnerScope scope, String name, boolean busy, List<String> labels) {
        return existingIn(scope, name, RunnerInfo.Status.ONLINE, busy, labels);
    }

    public synchronized RunnerInfo existingIn(RunnerScope scope, String name, RunnerInfo.Status status, boolean busy,
                                              List<String> labels) {
        RunnerInfo runner = existing(name, status, busy, labels);
        scopes.put(runner.id(), scope);
        return runner;
    }

    /** The runners the installer starts from now on register in {@code scope} only, as GitHub's do. */
    public synchronized void registersIn(RunnerScope scope) {
        newRunnersScope = scope;
    }

    private void placeNew(RunnerInfo runner) {
        if (newRunnersScope != null) {
            scopes.put(runner.id(), newRunnersScope);
        }
    }

    private boolean in(RunnerScope scope, long runnerId) {
        RunnerScope registered = scopes.get(runnerId);
        return registered == null || registered.equals(scope);
    }

    /** Listing the scope's runners fails from now on, as an outage would; other scopes still answer. */
    public synchronized void failListing(RunnerScope scope) {
        listingFails.add(scope);
    }

    public synchronized void takesAJob(String name) {
        named(name).ifPresent(runner -> runners.put(runner.id(), new RunnerInfo(runner.id(), name, runner.status(),
                true, runner.ephemeral(), runner.labels())));
    }

    public synchronized Optional<RunnerInfo> named(String name) {
        return runners.values().stream().filter(runner -> runner.name().equals(name)).findFirst();
    }

    public synchronized List<RunnerInfo> all() {
        return List.copyOf(runners.values());
    }

    synchronized long groupOf(long runnerId) {
        return jitGroups.get(runnerId);
    }

    /** The installer started the runner on a VM with {@code setup}: it registers (token) or connects (JIT). */
    synchronized void runnerStarted(RunnerSetup setup) {
        RunnerInfo.Status status = runnersComeOnline ? RunnerInfo.Status.ONLINE : RunnerInfo.Status.OFFLINE;
        if (setup.registration() == Registration.TOKEN) {
            if (!setup.secret().reveal().equals(TOKEN)) {
                throw new IllegalStateException("config.sh: invalid registration token");
            }
            RunnerInfo runner = new RunnerInfo(nextId++, setup.runnerName(), status, false, true, setup.labels());
            runners.put(runner.id(), runner);
            placeNew(runner);
            return;
        }
        Long id = jitConfigs.get(setup.secret().reveal());
        RunnerInfo registered = id == null ? null : runners.get(id);
        if (registered == null || !registered.name().equals(setup.runnerName())) {
            throw new IllegalStateException("run.sh: JIT config of no registered runner named " + setup.runnerName());
        }
        runners.put(id, new RunnerInfo(id, registered.name(), status, false, true, registered.labels()));
    }

    @Override
    public synchronized RegistrationToken registrationToken(RunnerScope scope) {
        events.add("registration token");
        if (tokensRefused) {
            throw new GitHubException(GitHubException.Kind.FORBIDDEN, 403, "the token cannot administer " + scope);
        }
        return new RegistrationToken(Secret.of(TOKEN), Instant.parse("2026-11-23T13:00:00Z"));
    }

    @Override
    public RegistrationToken removeToken(RunnerScope scope) {
        throw new UnsupportedOperationException("fleet never removes runners with config.sh");
    }

    @Override
    public synchronized JitConfig generateJitConfig(RunnerScope scope, String name, long runnerGroupId,
                                                    List<String> labels, String workFolder) {
        events.add("jit config " + name);
        RunnerInfo runner = new RunnerInfo(nextId++, name, RunnerInfo.Status.OFFLINE, false, true, labels);
        runners.put(runner.id(), runner);
        placeNew(runner);
        jitGroups.put(runner.id(), runnerGroupId);
        String encoded = JIT_PREFIX + runner.id();
        jitConfigs.put(encoded, runner.id());
        return new JitConfig(runner.id(), Secret.of(encoded));
    }

    @Override
    public synchronized List<RunnerInfo> listRunners(RunnerScope scope) {
        if (lookupsToFail > 0) {
            lookupsToFail--;
            throw new GitHubException(GitHubException.Kind.SERVER, 502, "GitHub answered 502 after 3 tries");
        }
        if (listingFails.contains(scope)) {
            throw new GitHubException(GitHubException.Kind.UNAUTHORIZED, 401, "GitHub refused the token (401); set a "
                    + "valid GITHUB_TOKEN");
        }
        return runners.values().stream().filter(runner -> in(scope, runner.id())).toList();
    }

    @Override
    public synchronized Optional<RunnerInfo> getRunner(RunnerScope scope, long runnerId) {
        if (getsFail) {
            throw new GitHubException(GitHubException.Kind.NETWORK, 0, "api.github.com did not answer");
        }
        return Optional.ofNullable(runners.get(runnerId)).filter(runner -> in(scope, runnerId));
    }

    @Override
    public synchronized DeleteOutcome deleteRunner(RunnerScope scope, long runnerId) {
        RunnerInfo runner = in(scope, runnerId) ? runners.get(runnerId) : null;
        events.add("delete runner " + (runner == null ? runnerId : runner.name()));
        if (deletesFail) {
            throw new GitHubException(GitHubException.Kind.SERVER, 503, "GitHub answered 503 after 3 tries");
        }
        if (runner == null) {
            return DeleteOutcome.NOT_FOUND;
        }
        if (runner.busy()) {
            return DeleteOutcome.REFUSED_BUSY;
        }
        runners.remove(runnerId);
        return DeleteOutcome.DELETED;
    }

    @Override
    public long runnerGroupId(RunnerScope scope, String groupName) {
        return DEFAULT_GROUP.equals(groupName) ? DEFAULT_GROUP_ID : NAMED_GROUP_ID;
    }

    @Override
    public synchronized RunnerDownload latestRunner(RunnerScope scope, String os, String architecture) {
        return latest != null ? latest : pinnedRunner(VERSION, os, architecture);
    }

    @Override
    public RunnerDownload pinnedRunner(String version, String os, String architecture) {
        String file = "actions-runner-" + os + "-" + architecture + "-" + version + ".tar.gz";
        return new RunnerDownload(os, architecture,
                URI.create("https://github.com/actions/runner/releases/download/v" + version + "/" + file), file,
                SHA256);
    }
}
