package dev.fleet.it.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.lifecycle.PoolRunners;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * GitHub's REST API on loopback HTTP, with state: what fleet asks about a repository's (or organization's) self-hosted
 * runners and job queue, answered from runners, tokens, runs and jobs kept in memory, bodies shaped on GitHub's
 * documented examples, rate-limit headers on every answer. It also serves the runner package, whose fake
 * {@code config.sh} and {@code run.sh} register the runner and bring it online through test-only endpoints under
 * {@code /_fake/}, checking the registration token or JIT config this fake issued.
 */
public final class FakeGitHub implements AutoCloseable {
    /** The runner version the downloads API calls the latest, and the one pools pin. */
    public static final String RUNNER_VERSION = "2.336.0";

    private static final Pattern RUNNERS = Pattern.compile("^/(repos/[^/]+/[^/]+|orgs/[^/]+)/actions/runners(?:/(.+))?$");
    private static final Pattern RUNS = Pattern.compile("^/repos/([^/]+/[^/]+)/actions/runs$");
    private static final Pattern JOBS = Pattern.compile("^/repos/([^/]+/[^/]+)/actions/runs/(\\d+)/jobs$");
    private static final Pattern RELEASE = Pattern.compile("^/repos/actions/runner/releases/tags/v([0-9.]+)$");
    private static final Pattern REPO = Pattern.compile("^/repos/([^/]+/[^/]+)$");
    private static final Pattern ORG = Pattern.compile("^/orgs/([^/]+)$");
    private static final Pattern GROUPS = Pattern.compile("^/orgs/([^/]+)/actions/runner-groups$");
    private static final String TARBALL = StatefulWireMock.TEST_ONLY + "actions-runner/";
    private static final int RATE_LIMIT = 5000;
    private static final int MAX_PER_PAGE = 100;
    private static final String DOCS = "https://docs.github.com/rest";

    /** What happens on a VM once its ephemeral runner has finished its job and left. */
    @FunctionalInterface
    interface RunnerExit {
        void exited(String runner) throws IOException, InterruptedException;
    }

    private final String token;
    private final String defaultRepo;
    private final RunnerTarball tarball;
    private final RunnerExit runnerExit;
    private final StatefulWireMock server;
    private final Set<String> repos = new LinkedHashSet<>();
    private final Set<String> orgs = new LinkedHashSet<>();
    private final RunnerRegistry runners = new RunnerRegistry();
    private final Workflows workflows = new Workflows();
    private final long rateLimitReset = Instant.now().plusSeconds(3600).getEpochSecond();
    private int requests;
    private int failures;
    private int failureStatus;
    private Predicate<FakeRequest> failing = request -> true;
    private boolean rateLimitNext;

    /**
     * @param token       the token fleet must send ({@code GITHUB_TOKEN})
     * @param defaultRepo {@code owner/name}: known from the start, and where {@link #addRunner} registers
     */
    FakeGitHub(String token, String defaultRepo, RunnerTarball tarball, RunnerExit runnerExit) {
        this.token = token;
        this.defaultRepo = defaultRepo;
        this.tarball = tarball;
        this.runnerExit = runnerExit;
        repos.add(defaultRepo.toLowerCase(Locale.ROOT));
        this.server = StatefulWireMock.http(this::answer);
        server.tap().refusals(status -> message(status, "fault injected by the test: " + status));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The pool setting that makes VMs download the runner package from here. */
    public String downloadUrlTemplate() {
        return baseUrl() + TARBALL + "v{version}/actions-runner-linux-x64-{version}.tar.gz";
    }

    /** "METHOD path" of every write request fleet sent (the fake runners' own calls are not fleet's), oldest first. */
    public List<String> writeRequests() {
        return server.writeRequests();
    }

    /** Every request fleet sent here, and the faults and holds a test puts in their way. */
    public RequestTap tap() {
        return server.tap();
    }

    public synchronized void addRepo(String ownerSlashName) {
        repos.add(ownerSlashName.toLowerCase(Locale.ROOT));
    }

    public synchronized void addOrg(String org) {
        orgs.add(org.toLowerCase(Locale.ROOT));
    }

    public synchronized List<FakeRunner> runners() {
        return runners.all();
    }

    /** A runner of the default repository with GitHub's default labels and no VM behind it; returns its id. */
    public synchronized long addRunner(String name, boolean online, boolean busy) {
        return addRunner(defaultRepo, name, RunnerRegistry.DEFAULT_LABELS, online, busy);
    }

    /** A runner of {@code pool} in {@code scope} as fleet registers them, with the pool's label; returns its id. */
    public synchronized long addPoolRunner(String scope, String pool, String name, boolean online, boolean busy) {
        List<String> labels = new ArrayList<>(RunnerRegistry.DEFAULT_LABELS);
        labels.add(PoolRunners.label(pool));
        return addRunner(scope, name, labels, online, busy);
    }

    private long addRunner(String scope, String name, List<String> labels, boolean online, boolean busy) {
        RunnerRegistry.Runner runner = runners.register(scope, name, labels, true)
                .orElseThrow(() -> new IllegalArgumentException("runner " + name + " exists already"));
        runner.online = online;
        runner.busy = busy;
        return runner.id;
    }

    /** One workflow run in the default repository with {@code count} queued jobs asking for {@code labels}. */
    public synchronized long queueJobs(int count, String... labels) {
        return workflows.queue(defaultRepo, count, Arrays.asList(labels));
    }

    /** The runner takes the oldest queued job it can run and is busy; returns the job's id. */
    public synchronized long startJob(String runnerName) {
        return startJob(runnerName, true);
    }

    /**
     * The runner takes the oldest queued job it can run, but its {@code busy} flag still reads false, as GitHub's does
     * for 25 to 60 seconds after it gives a runner a job; only the job names the runner. Returns the job's id.
     */
    public synchronized long startJobWhileBusyLags(String runnerName) {
        return startJob(runnerName, false);
    }

    private long startJob(String runnerName, boolean busy) {
        RunnerRegistry.Runner runner = runners.named(runnerName);
        if (!runner.online || runner.busy) {
            throw new IllegalStateException("runner " + runnerName + " is " + (runner.busy ? "busy" : "offline"));
        }
        long job = workflows.start(runner);
        runner.busy = busy;
        return job;
    }

    /**
     * The runner's job completes. An ephemeral runner then leaves GitHub and its process exits, and its VM, as the
     * install script's unit says, powers itself off.
     */
    public void finishJob(String runnerName) throws IOException, InterruptedException {
        boolean exits;
        synchronized (this) {
            RunnerRegistry.Runner runner = runners.named(runnerName);
            workflows.finish(runnerName);
            runner.busy = false;
            exits = runner.ephemeral;
            if (exits) {
                runners.remove(runner);
            }
        }
        if (exits) {
            runnerExit.exited(runnerName);
        }
    }

    /**
     * The runner's VM stopped or is gone, and the runner with it: GitHub lists it offline until someone deletes it. An
     * ephemeral runner that finished its job has left already, and a VM without a runner has nothing to lose.
     */
    synchronized void vmDown(String runnerName) {
        runners.find(runnerName).ifPresent(runner -> runner.online = false);
    }

    /** The next {@code count} API requests fail with {@code status}, e.g. 502. */
    public synchronized void failNext(int count, int status) {
        failNext(count, status, request -> true);
    }

    /**
     * The next {@code count} API requests that would change something (a registration, a removal) fail with
     * {@code status}; reads go through.
     */
    public synchronized void failNextWrites(int count, int status) {
        failNext(count, status, FakeRequest::isWrite);
    }

    private void failNext(int count, int status, Predicate<FakeRequest> which) {
        failures = count;
        failureStatus = status;
        failing = which;
    }

    /** The next API request hits the primary rate limit: 403, no requests remaining, reset a second ahead. */
    public synchronized void rateLimitNext() {
        rateLimitNext = true;
    }

    @Override
    public void close() {
        server.close();
    }

    private synchronized HttpAnswer answer(FakeRequest request) {
        if (request.path().startsWith(StatefulWireMock.TEST_ONLY)) {
            return runnerSide(request);
        }
        String authorization = request.header().apply("Authorization");
        if (!("Bearer " + token).equals(authorization) && !("token " + token).equals(authorization)) {
            return message(401, "Bad credentials");
        }
        requests++;
        if (failures > 0 && failing.test(request)) {
            failures--;
            return message(failureStatus, "fake GitHub failure " + failureStatus);
        }
        if (rateLimitNext) {
            rateLimitNext = false;
            String reset = String.valueOf(Instant.now().plusSeconds(1).getEpochSecond());
            return message(403, "API rate limit exceeded for user ID 1.")
                    .withHeader("x-ratelimit-limit", String.valueOf(RATE_LIMIT)).withHeader("x-ratelimit-remaining", "0")
                    .withHeader("x-ratelimit-used", String.valueOf(RATE_LIMIT)).withHeader("x-ratelimit-reset", reset)
                    .withHeader("x-ratelimit-resource", "core");
        }
        return route(request).withHeader("x-ratelimit-limit", String.valueOf(RATE_LIMIT))
                .withHeader("x-ratelimit-remaining", String.valueOf(Math.max(0, RATE_LIMIT - requests)))
                .withHeader("x-ratelimit-used", String.valueOf(requests))
                .withHeader("x-ratelimit-reset", String.valueOf(rateLimitReset))
                .withHeader("x-ratelimit-resource", "core");
    }

    private HttpAnswer route(FakeRequest request) {
        String path = request.path();
        String method = request.method();
        Matcher match;
        if ((match = RUNNERS.matcher(path)).matches()) {
            return runnersCall(request, scope(match.group(1)), match.group(2));
        }
        if (method.equals("GET") && (match = RELEASE.matcher(path)).matches()) {
            return HttpAnswer.json(200, release(match.group(1)));
        }
        if (method.equals("GET") && (match = RUNS.matcher(path)).matches() && repos.contains(key(match.group(1)))) {
            return page(request, "workflow_runs", workflows.runs(match.group(1), request.query().get("status"), baseUrl()));
        }
        if (method.equals("GET") && (match = JOBS.matcher(path)).matches()) {
            Optional<List<JsonNode>> jobs = workflows.jobs(match.group(1), Long.parseLong(match.group(2)), baseUrl());
            return jobs.map(list -> page(request, "jobs", list)).orElseGet(FakeGitHub::notFound);
        }
        if (method.equals("GET") && (match = REPO.matcher(path)).matches() && repos.contains(key(match.group(1)))) {
            return HttpAnswer.json(200, repository(match.group(1)));
        }
        if (method.equals("GET") && (match = ORG.matcher(path)).matches() && orgs.contains(key(match.group(1)))) {
            return HttpAnswer.json(200, Fixtures.object().put("login", match.group(1)).put("id", 4242));
        }
        if (method.equals("GET") && (match = GROUPS.matcher(path)).matches() && orgs.contains(key(match.group(1)))) {
            ArrayNode groups = Fixtures.JSON.createArrayNode();
            groups.addObject().put("id", 1).put("name", "Default").put("visibility", "all").put("default", true);
            return page(request, "runner_groups", List.of(groups.get(0)));
        }
        return notFound();
    }

    /** Runner endpoints of one scope; {@code rest} is what follows {@code /actions/runners}, or null. */
    private HttpAnswer runnersCall(FakeRequest request, String scope, String rest) {
        if (!repos.contains(key(scope)) && !orgs.contains(key(scope))) {
            return notFound();
        }
        String method = request.method();
        if (rest == null && method.equals("GET")) {
            return page(request, "runners", runners.in(scope).stream()
                    .map(runner -> (JsonNode) RunnerRegistry.json(runner, RUNNER_VERSION)).toList());
        }
        if ("downloads".equals(rest) && method.equals("GET")) {
            return HttpAnswer.json(200, downloads());
        }
        if (("registration-token".equals(rest) || "remove-token".equals(rest)) && method.equals("POST")) {
            ObjectNode body = (ObjectNode) Fixtures.load("github/authentication-token.json");
            body.put("token", runners.issueToken(scope)).put("expires_at", Instant.now().plusSeconds(3600).toString());
            return HttpAnswer.json(201, body);
        }
        if ("generate-jitconfig".equals(rest) && method.equals("POST")) {
            return jitConfig(scope, Fixtures.parse(request.body()));
        }
        if (rest != null && rest.matches("\\d+")) {
            Optional<RunnerRegistry.Runner> runner = runners.get(scope, Long.parseLong(rest));
            if (runner.isEmpty()) {
                return notFound();
            }
            if (method.equals("GET")) {
                return HttpAnswer.json(200, RunnerRegistry.json(runner.get(), RUNNER_VERSION));
            }
            if (method.equals("DELETE")) {
                if (runner.get().busy) {
                    return message(422, "Bad request - Runner \"" + runner.get().name + "\" is still running a job\"");
                }
                runners.remove(runner.get());
                return HttpAnswer.empty(204);
            }
        }
        return notFound();
    }

    private HttpAnswer jitConfig(String scope, JsonNode request) {
        List<String> labels = new ArrayList<>();
        request.path("labels").forEach(label -> labels.add(label.asText()));
        String name = request.path("name").asText();
        if (name.isEmpty() || labels.isEmpty() || labels.size() > MAX_PER_PAGE || request.path("runner_group_id").asLong() != 1) {
            return message(422, "Invalid request: name, 1 to 100 labels and an existing runner_group_id are required.");
        }
        Optional<RunnerRegistry.Runner> runner = runners.register(scope, name, labels, true);
        if (runner.isEmpty()) {
            return message(409, "Already exists - A runner with the name " + name + " already exists.");
        }
        // A real JIT config names the server too; the fake run.sh reads both from it.
        String config = "server=" + baseUrl() + "\ncredential=" + runner.get().credential + "\n";
        ObjectNode body = (ObjectNode) Fixtures.load("github/runner-jitconfig.json");
        body.set("runner", RunnerRegistry.json(runner.get(), RUNNER_VERSION));
        String encoded = Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8));
        SecretLedger.track("JIT config", encoded);
        body.put("encoded_jit_config", encoded);
        return HttpAnswer.json(201, body);
    }

    /** The fake runner package's side: download it, register with a token, come online. */
    private HttpAnswer runnerSide(FakeRequest request) {
        if (request.method().equals("GET") && request.path().startsWith(TARBALL)) {
            return new HttpAnswer(200, Map.of("Content-Type", "application/gzip"), tarball.bytes());
        }
        Map<String, String> form = request.form();
        if (request.path().equals(StatefulWireMock.TEST_ONLY + "runner/register")) {
            String scope = URI.create(form.getOrDefault("url", "")).getPath().replaceFirst("^/", "");
            if (!runners.tokenFor(form.getOrDefault("token", ""), scope)) {
                return message(404, "config.sh: the registration token is not one GitHub issued for " + scope);
            }
            List<String> labels = new ArrayList<>();
            if (Boolean.parseBoolean(form.get("defaultlabels"))) {
                labels.addAll(RunnerRegistry.DEFAULT_LABELS);
            }
            Arrays.stream(form.getOrDefault("labels", "").split(",")).map(String::strip)
                    .filter(label -> !label.isEmpty() && labels.stream().noneMatch(label::equalsIgnoreCase))
                    .forEach(labels::add);
            return runners.register(scope, form.get("name"), labels, Boolean.parseBoolean(form.get("ephemeral")))
                    .map(runner -> new HttpAnswer(200, Map.of(), ("credential=" + runner.credential + "\n")
                            .getBytes(StandardCharsets.UTF_8)))
                    .orElseGet(() -> message(409, "config.sh: a runner named " + form.get("name") + " exists already"));
        }
        if (request.path().equals(StatefulWireMock.TEST_ONLY + "runner/online")) {
            Optional<RunnerRegistry.Runner> runner = runners.withCredential(form.getOrDefault("credential", ""));
            runner.ifPresent(found -> found.online = true);
            return runner.isPresent() ? HttpAnswer.empty(200) : message(404, "run.sh: no runner with that credential");
        }
        return notFound();
    }

    /** The documented downloads list, every file on this server; the linux-x64 one carries its SHA-256. */
    private JsonNode downloads() {
        ArrayNode files = (ArrayNode) Fixtures.load("github/runner-application-items.json");
        for (JsonNode file : files) {
            ObjectNode entry = (ObjectNode) file;
            String filename = entry.path("filename").asText().replaceAll("[0-9]+\\.[0-9]+\\.[0-9]+", RUNNER_VERSION);
            entry.put("filename", filename).put("download_url", baseUrl() + TARBALL + "v" + RUNNER_VERSION + "/" + filename);
            if (filename.equals("actions-runner-linux-x64-" + RUNNER_VERSION + ".tar.gz")) {
                entry.put("sha256_checksum", tarball.sha256());
            }
        }
        return files;
    }

    /** An actions/runner release: its notes carry each package's checksum between markers, as the real ones do. */
    private ObjectNode release(String version) {
        String filename = "actions-runner-linux-x64-" + version + ".tar.gz";
        ObjectNode body = Fixtures.object().put("tag_name", "v" + version).put("name", "v" + version)
                .put("body", "## Packages\n<!-- BEGIN SHA linux-x64 -->" + tarball.sha256()
                        + "<!-- END SHA linux-x64 -->\n");
        body.putArray("assets").addObject().put("name", filename)
                .put("browser_download_url", downloadUrlTemplate().replace("{version}", version));
        return body;
    }

    private ObjectNode repository(String ownerSlashName) {
        String[] parts = ownerSlashName.split("/");
        ObjectNode body = Fixtures.object().put("id", 1296269).put("name", parts[1]).put("full_name", ownerSlashName)
                .put("private", true);
        body.putObject("owner").put("login", parts[0]);
        body.putObject("permissions").put("admin", true).put("push", true).put("pull", true);
        return body;
    }

    /** One page of a list, with GitHub's {@code per_page} and {@code page} and a Link header to the others. */
    private HttpAnswer page(FakeRequest request, String field, List<JsonNode> items) {
        int perPage = Math.min(MAX_PER_PAGE, Integer.parseInt(request.query().getOrDefault("per_page", "30")));
        int pageNumber = Integer.parseInt(request.query().getOrDefault("page", "1"));
        int last = Math.max(1, (items.size() + perPage - 1) / perPage);
        ObjectNode body = Fixtures.object().put("total_count", items.size());
        ArrayNode page = body.putArray(field);
        items.stream().skip((long) (pageNumber - 1) * perPage).limit(perPage).forEach(page::add);
        HttpAnswer answer = HttpAnswer.json(200, body);
        List<String> links = new ArrayList<>();
        if (pageNumber < last) {
            links.add("<" + pageUrl(request, pageNumber + 1) + ">; rel=\"next\"");
            links.add("<" + pageUrl(request, last) + ">; rel=\"last\"");
        }
        if (pageNumber > 1) {
            links.add("<" + pageUrl(request, pageNumber - 1) + ">; rel=\"prev\"");
            links.add("<" + pageUrl(request, 1) + ">; rel=\"first\"");
        }
        return links.isEmpty() ? answer : answer.withHeader("Link", String.join(", ", links));
    }

    private String pageUrl(FakeRequest request, int pageNumber) {
        Map<String, String> query = new LinkedHashMap<>(request.query());
        query.put("page", String.valueOf(pageNumber));
        return baseUrl() + request.path() + "?" + query.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** {@code repos/o/r} as {@code o/r}, {@code orgs/o} as {@code o}. */
    private static String scope(String path) {
        return path.startsWith("repos/") ? path.substring("repos/".length()) : path.substring("orgs/".length());
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static HttpAnswer notFound() {
        return message(404, "Not Found");
    }

    private static HttpAnswer message(int status, String message) {
        return HttpAnswer.json(status, Fixtures.object().put("message", message).put("documentation_url", DOCS)
                .put("status", String.valueOf(status)));
    }
}
