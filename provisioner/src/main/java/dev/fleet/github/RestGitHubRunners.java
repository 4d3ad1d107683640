package dev.fleet.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link GitHubRunners} over GitHub's REST API ("Self-hosted runners" and "Self-hosted runner groups"), and the
 * {@link RunnerAccess} check that the same calls will be allowed.
 */
public final class RestGitHubRunners implements GitHubRunners, RunnerAccess {
    /** A cached registration token is replaced once it has less than this left, so a VM never gets a dying one. */
    static final Duration TOKEN_MIN_LIFETIME = Duration.ofMinutes(10);
    /** Runner groups and packages change rarely; an hour bounds how long a rename or a new release goes unseen. */
    static final Duration LOOKUP_LIFETIME = Duration.ofHours(1);
    static final int MAX_LABELS = 100;
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

    private final GitHubClient client;
    private final Clock clock;
    private final Map<RunnerScope, RegistrationToken> registrationTokens = new ConcurrentHashMap<>();
    private final Cache<String, Long> groupIds;
    private final Cache<RunnerScope, List<RunnerApplication>> downloads;
    private final Cache<String, Release> releases;

    public RestGitHubRunners(GitHubClient client) {
        this(client, Clock.systemUTC());
    }

    public RestGitHubRunners(GitHubClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.groupIds = lookupCache(clock);
        this.downloads = lookupCache(clock);
        this.releases = lookupCache(clock);
    }

    private static <K, V> Cache<K, V> lookupCache(Clock clock) {
        return Caffeine.newBuilder()
                .expireAfterWrite(LOOKUP_LIFETIME)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .maximumSize(1_000)
                .<K, V>build();
    }

    @Override
    public RegistrationToken registrationToken(RunnerScope scope) {
        Instant freshEnough = clock.instant().plus(TOKEN_MIN_LIFETIME);
        // compute, not get-then-put: callers that arrive together for one scope share one new token.
        return registrationTokens.compute(scope, (key, cached) ->
                cached != null && !cached.expiresAt().isBefore(freshEnough) ? cached : token(scope, "registration-token"));
    }

    /**
     * Reads the scope, then asks for a registration token: listing runners needs only read access, and a token that
     * can list but not register would pass a read yet fail every VM. The token is kept for the VMs that follow; an
     * unused one expires within the hour.
     */
    @Override
    public void verify(RunnerScope scope) {
        client.get(scope.apiPath(), JsonNode.class);
        registrationToken(scope);
    }

    @Override
    public RegistrationToken removeToken(RunnerScope scope) {
        return token(scope, "remove-token");
    }

    private RegistrationToken token(RunnerScope scope, String kind) {
        // Another token is harmless: earlier ones stay valid until they expire.
        return client.post(runners(scope) + "/" + kind, null, RegistrationToken.class, Retry.SAFE_TO_REPEAT);
    }

    @Override
    public JitConfig generateJitConfig(RunnerScope scope, String name, long runnerGroupId, List<String> labels,
                                       String workFolder) {
        if (labels.isEmpty() || labels.size() > MAX_LABELS || labels.stream().anyMatch(l -> l == null || l.isBlank())) {
            throw new IllegalArgumentException("a JIT runner needs 1 to " + MAX_LABELS + " non-blank labels (got "
                    + labels + ")");
        }
        JitResponse response = client.post(runners(scope) + "/generate-jitconfig",
                new JitRequest(name, runnerGroupId, List.copyOf(labels), workFolder), JitResponse.class, Retry.NEVER);
        return new JitConfig(response.runner().id(), response.encodedJitConfig());
    }

    @Override
    public List<RunnerInfo> listRunners(RunnerScope scope) {
        return client.getAll(runners(scope), "runners", RunnerJson.class).stream().map(RunnerJson::info).toList();
    }

    @Override
    public Optional<RunnerInfo> getRunner(RunnerScope scope, long runnerId) {
        try {
            return Optional.of(client.get(runners(scope) + "/" + runnerId, RunnerJson.class).info());
        } catch (GitHubException e) {
            if (e.kind() == GitHubException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public DeleteOutcome deleteRunner(RunnerScope scope, long runnerId) {
        return client.delete(runners(scope) + "/" + runnerId);
    }

    @Override
    public long runnerGroupId(RunnerScope scope, String groupName) {
        if (scope.kind() == RunnerScope.Kind.REPOSITORY) {
            if (DEFAULT_GROUP.equalsIgnoreCase(groupName)) {
                return 1;
            }
            throw new IllegalArgumentException("repository " + scope + " has only the runner group " + DEFAULT_GROUP
                    + "; runner groups like " + groupName + " exist for organizations");
        }
        return groupIds.get(scope + " " + groupName.toLowerCase(Locale.ROOT), key -> client
                .getAll(scope.apiPath() + "/actions/runner-groups", "runner_groups", RunnerGroup.class).stream()
                .filter(group -> group.name().equalsIgnoreCase(groupName))
                .map(RunnerGroup::id)
                .findFirst()
                .orElseThrow(() -> new GitHubException(GitHubException.Kind.NOT_FOUND, 0, "organization " + scope
                        + " has no runner group " + groupName + ": create it, or use " + DEFAULT_GROUP)));
    }

    @Override
    public RunnerDownload latestRunner(RunnerScope scope, String os, String architecture) {
        List<RunnerApplication> all = downloads.get(scope, key ->
                client.getAll(runners(scope) + "/downloads", null, RunnerApplication.class));
        return all.stream()
                .filter(app -> app.os().equals(os) && app.architecture().equals(architecture))
                .findFirst()
                .map(app -> new RunnerDownload(os, architecture, URI.create(app.downloadUrl()), app.filename(),
                        app.sha256Checksum()))
                .orElseThrow(() -> new GitHubException(GitHubException.Kind.NOT_FOUND, 0,
                        "GitHub offers no runner package for " + os + "-" + architecture + "; choose one of "
                                + all.stream().map(app -> app.os() + "-" + app.architecture()).toList()));
    }

    @Override
    public RunnerDownload pinnedRunner(String version, String os, String architecture) {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("a runner version looks like 2.336.0 (got " + version + ")");
        }
        Release release = releases.get(version, key ->
                client.get("/repos/actions/runner/releases/tags/v" + version, Release.class));
        String platform = os + "-" + architecture;
        String filename = "actions-runner-" + platform + "-" + version + ("win".equals(os) ? ".zip" : ".tar.gz");
        // actions/runner publishes each checksum in its release notes between fixed markers.
        Matcher sha = Pattern.compile("<!-- BEGIN SHA " + Pattern.quote(platform) + " -->([0-9a-f]{64})<!-- END SHA")
                .matcher(release.body());
        return release.assets().stream()
                .filter(asset -> asset.name().equals(filename))
                .findFirst()
                .map(asset -> new RunnerDownload(os, architecture, URI.create(asset.browserDownloadUrl()), filename,
                        sha.find() ? sha.group(1) : null))
                .orElseThrow(() -> new GitHubException(GitHubException.Kind.NOT_FOUND, 0,
                        "actions/runner v" + version + " has no " + filename + "; check the version and platform"));
    }

    private static String runners(RunnerScope scope) {
        return scope.apiPath() + "/actions/runners";
    }

    record JitRequest(String name, long runnerGroupId, List<String> labels, String workFolder) {
    }

    record JitResponse(RunnerJson runner, Secret encodedJitConfig) {
    }

    record RunnerJson(long id, String name, String status, boolean busy, boolean ephemeral, List<Label> labels) {
        RunnerInfo info() {
            return new RunnerInfo(id, name, RunnerInfo.Status.of(status), busy, ephemeral,
                    labels == null ? List.of() : labels.stream().map(Label::name).toList());
        }
    }

    record Label(String name) {
    }

    record RunnerGroup(long id, String name) {
    }

    record RunnerApplication(String os, String architecture, String downloadUrl, String filename,
                             String sha256Checksum) {
    }

    record Release(String body, List<Asset> assets) {
        Release {
            body = body == null ? "" : body;
            assets = assets == null ? List.of() : assets;
        }
    }

    record Asset(String name, String browserDownloadUrl) {
    }
}
