package dev.fleet.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's REST API, careful with the user's rate limit and tokens: conditional GETs through an ETag cache (in memory,
 * and on disk when the settings name a {@link GitHubClientSettings#cacheDir() folder}), pagination that never stops at
 * page 1, retries with backoff, rate-limit waits within a bound, and no secret in any log line or
 * message. Thread-safe; make one per credential and share it.
 *
 * <p>JSON is mapped with GitHub's conventions: snake_case field names ({@code runnerId} reads {@code runner_id}),
 * unknown fields ignored, ISO-8601 instants; request bodies leave out nulls.
 */
public final class GitHubClient {
    static final String API_VERSION = "2022-11-28";
    static final int PER_PAGE = 100;
    /** Bodies kept for conditional requests, in bytes: a reconcile pass touches a few hundred small pages. */
    static final long ETAG_CACHE_BYTES = 32L * 1024 * 1024;
    /** Rate-limit waits per call, so a server that keeps answering "Retry-After: 0" cannot hold a call forever. */
    static final int MAX_RATE_LIMIT_WAITS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(GitHubClient.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final byte[] NO_BODY = new byte[0];

    private final GitHubClientSettings settings;
    private final GitHubCredentials credentials;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final OkHttpClient http;
    private final ResponseCache responses;
    private final GitHubRequestListener listener;
    private final LongAdder requests = new LongAdder();
    private final LongAdder notModified = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final AtomicReference<RateLimit> lastRateLimit = new AtomicReference<>();

    public GitHubClient(GitHubClientSettings settings, GitHubCredentials credentials) {
        this(settings, credentials, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /** With the time and the waits under the caller's control, for tests. */
    public GitHubClient(GitHubClientSettings settings, GitHubCredentials credentials, Clock clock, Sleeper sleeper) {
        this(settings, credentials, clock, sleeper, GitHubRequestListener.NONE);
    }

    /** @param listener told of each answer, e.g. to count them for {@code serve}'s metrics */
    public GitHubClient(GitHubClientSettings settings, GitHubCredentials credentials, Clock clock, Sleeper sleeper,
                        GitHubRequestListener listener) {
        this.settings = settings;
        this.credentials = credentials;
        this.clock = clock;
        this.sleeper = sleeper;
        this.listener = Objects.requireNonNull(listener, "listener");
        // java.util.Random, unlike RandomGenerator.getDefault(), is safe to share between the threads using a client.
        this.backoff = new Backoff(new Random());
        this.http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                // OkHttp would otherwise repeat some failed calls on its own, POSTs included, behind the retry policy.
                .retryOnConnectionFailure(false)
                .build();
        this.responses = responseCache(settings.cacheDir(), clock);
    }

    /** Memory only without a folder (or with one that cannot be used); memory over disk with one. */
    private static ResponseCache responseCache(Path folder, Clock clock) {
        ResponseCache memory = new MemoryResponseCache(ETAG_CACHE_BYTES);
        if (folder == null) {
            return memory;
        }
        return DiskResponseCache.open(folder, DiskResponseCache.DEFAULT_MAX_ENTRIES,
                        DiskResponseCache.DEFAULT_MAX_BYTES, clock)
                .<ResponseCache>map(disk -> new TwoLevelResponseCache(memory, disk))
                .orElse(memory);
    }

    /** GET, JSON body mapped to {@code type}. Sent as a conditional request when an earlier answer had an ETag. */
    public <T> T get(String pathAndQuery, Class<T> type) {
        HttpUrl url = url(pathAndQuery);
        return read(fetch(url).body(), type, "GET", url);
    }

    /**
     * GET every page, following {@code Link: rel="next"}; adds {@code per_page=100} when the query has no
     * {@code per_page}.
     *
     * @param itemsField the array field of each page ("runners", "workflow_runs", "jobs"), or null when the body is
     *                   a top-level array
     */
    public <T> List<T> getAll(String pathAndQuery, String itemsField, Class<T> itemType) {
        return getWhile(pathAndQuery, itemsField, itemType, item -> true);
    }

    /**
     * GET pages as {@link #getAll} does, but only up to the first item that is not {@code wanted}, which is left out
     * with everything after it: for lists GitHub sorts newest first, read back to a point in time.
     */
    <T> List<T> getWhile(String pathAndQuery, String itemsField, Class<T> itemType,
                         Predicate<? super T> wanted) {
        HttpUrl url = url(pathAndQuery);
        if (url.queryParameter("per_page") == null) {
            url = url.newBuilder().addQueryParameter("per_page", Integer.toString(PER_PAGE)).build();
        }
        List<T> items = new ArrayList<>();
        Set<HttpUrl> seen = new HashSet<>();
        while (url != null) {
            if (!seen.add(url)) {
                throw new GitHubException(GitHubException.Kind.SERVER, 0,
                        "GitHub's pagination of GET " + path(url) + " loops back to a page already read");
            }
            CachedPage page = fetch(url);
            JsonNode root = read(page.body(), JsonNode.class, "GET", url);
            JsonNode array = itemsField == null ? root : root.path(itemsField);
            if (!array.isArray()) {
                throw Failures.unreadable("GET", path(url), itemType);
            }
            for (JsonNode node : array) {
                T item = convert(node, itemType, url);
                if (!wanted.test(item)) {
                    return items;
                }
                items.add(item);
            }
            url = page.next() == null ? null : sameServer(page.next(), url);
        }
        return items;
    }

    /** POST {@code body} as JSON (null sends an empty body). {@code type} {@code Void.class} ignores the answer. */
    <T> T post(String path, Object body, Class<T> type, Retry retry) {
        return send("POST", path, body, type, retry);
    }

    /** PATCH {@code body} as JSON; a PATCH sets fields to values, so sending it again is safe. */
    <T> T patch(String path, Object body, Class<T> type) {
        return send("PATCH", path, body, type, Retry.SAFE_TO_REPEAT);
    }

    private <T> T send(String method, String path, Object body, Class<T> type, Retry retry) {
        HttpUrl url = url(path);
        byte[] json = body == null ? NO_BODY : write(body);
        Answer answer = execute(new Call(method, url, json, null, retry == Retry.SAFE_TO_REPEAT));
        requireSuccess(answer);
        return type == Void.class ? null : read(answer.body(), type, method, url);
    }

    /** DELETE: 204 -> DELETED, 404 -> NOT_FOUND (already gone), 422 -> REFUSED_BUSY; other failures throw. */
    DeleteOutcome delete(String path) {
        Answer answer = execute(new Call("DELETE", url(path), null, null, true));
        return switch (answer.status()) {
            case 404 -> DeleteOutcome.NOT_FOUND;
            // GitHub answers 422 when the runner is still running a job; deleting it later is the fix, not a retry now.
            case 422 -> DeleteOutcome.REFUSED_BUSY;
            default -> {
                requireSuccess(answer);
                yield DeleteOutcome.DELETED;
            }
        };
    }

    public ClientStats stats() {
        return new ClientStats(requests.sum(), notModified.sum(), rateLimited.sum(), retries.sum(),
                lastRateLimit.get());
    }

    /**
     * GET through the response cache: a 304 answers from the cached body (and costs no primary rate limit), whether
     * this process or an earlier one with the same cache folder read it.
     */
    private CachedPage fetch(HttpUrl url) {
        String key = ResponseCache.key(credentials.identity(), url);
        CachedPage cached = responses.get(key);
        Answer answer = execute(new Call("GET", url, null, cached == null ? null : cached.etag(), true));
        if (answer.status() == 304 && cached != null) {
            notModified.increment();
            return cached;
        }
        requireSuccess(answer);
        CachedPage page = new CachedPage(answer.headers().get("ETag"), answer.body(),
                LinkHeader.next(answer.headers().get("Link")));
        if (page.etag() != null) {
            responses.put(key, page);
        } else {
            responses.remove(key);
        }
        return page;
    }

    /** Sends a call, retrying as its kind allows, and returns the final answer whatever its status. */
    private Answer execute(Call call) {
        int failures = 0;
        int secondaryLimits = 0;
        int rateLimitWaits = 0;
        Duration rateLimitWaited = Duration.ZERO;
        boolean reauthenticated = false;
        while (true) {
            String token = credentials.token();
            Answer answer;
            try {
                answer = exchange(call, token);
            } catch (IOException e) {
                if (!call.repeatable() || failures >= settings.maxRetries()) {
                    throw Failures.network(call.method(), path(call.url()), call.url().host(), e, failures + 1);
                }
                pause(call, backoff.afterFailure(failures++));
                continue;
            }
            int status = answer.status();
            if (status == 401 && !reauthenticated) {
                // An App's installation token may have been revoked early: one fresh token, one more try.
                reauthenticated = true;
                credentials.invalidate();
                if (!credentials.token().equals(token)) {
                    retries.increment();
                    continue;
                }
            }
            if (status == 403 || status == 429) {
                RateLimitWait wait = rateLimitWait(answer, secondaryLimits);
                if (wait != null) {
                    rateLimited.increment();
                    rateLimitWaited = rateLimitWaited.plus(wait.duration());
                    if (rateLimitWaited.compareTo(settings.maxRateLimitWait()) > 0
                            || ++rateLimitWaits > MAX_RATE_LIMIT_WAITS) {
                        throw Failures.rateLimited(call.method(), path(call.url()), status,
                                clock.instant().plus(wait.duration()), settings.maxRateLimitWait());
                    }
                    if (wait.secondary()) {
                        secondaryLimits++;
                    }
                    // The request was refused, not acted on, so even a POST that must not repeat is safe to resend.
                    LOG.info("GitHub rate limit on {} {}: waiting {} s", call.method(), path(call.url()),
                            wait.duration().toSeconds());
                    pause(call, wait.duration());
                    continue;
                }
            }
            if (status >= 500 && call.repeatable() && failures < settings.maxRetries()) {
                pause(call, backoff.afterFailure(failures++));
                continue;
            }
            return answer.withAttempts(failures + 1);
        }
    }

    private Answer exchange(Call call, String token) throws IOException {
        Request.Builder request = new Request.Builder()
                .url(call.url())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("User-Agent", settings.userAgent())
                .header("Authorization", "Bearer " + token);
        if (call.ifNoneMatch() != null) {
            request.header("If-None-Match", call.ifNoneMatch());
        }
        request.method(call.method(), call.body() == null ? null : RequestBody.create(call.body(), JSON));
        requests.increment();
        long started = System.nanoTime();
        try (Response response = http.newCall(request.build()).execute()) {
            ResponseBody responseBody = response.body();
            byte[] bytes = responseBody == null ? NO_BODY : responseBody.bytes();
            // Method, path, status and time only: headers carry the token and bodies of token endpoints carry secrets.
            LOG.debug("{} {} -> {} in {} ms", call.method(), path(call.url()), response.code(), millisSince(started));
            listener.answered(response.code(), recordRateLimit(response.headers()));
            return new Answer(call, response.code(), response.headers(), bytes, 1);
        } catch (IOException e) {
            LOG.debug("{} {} -> {} after {} ms", call.method(), path(call.url()), e.getClass().getSimpleName(),
                    millisSince(started));
            listener.unanswered();
            throw e;
        }
    }

    /** How long a 403/429 asks to wait, or null when it is a plain refusal (a missing permission). */
    private RateLimitWait rateLimitWait(Answer answer, int secondaryLimits) {
        Headers headers = answer.headers();
        if ("0".equals(headers.get("x-ratelimit-remaining"))) {
            Instant reset = epochSeconds(headers.get("x-ratelimit-reset"));
            Duration untilReset = reset == null ? Backoff.SECONDARY_LIMIT_MIN
                    // The reset is whole seconds; a second more avoids arriving just before it.
                    : Duration.between(clock.instant(), reset).plusSeconds(1);
            return new RateLimitWait(untilReset.isNegative() ? Duration.ZERO : untilReset, false);
        }
        Long retryAfter = seconds(headers.get("Retry-After"));
        if (retryAfter != null) {
            return new RateLimitWait(Duration.ofSeconds(retryAfter), true);
        }
        // GitHub marks a secondary limit only in its message ("You have exceeded a secondary rate limit").
        if (answer.status() == 429 || Failures.message(answer.body()).toLowerCase(Locale.ROOT).contains("rate limit")) {
            return new RateLimitWait(backoff.afterSecondaryLimit(secondaryLimits), true);
        }
        return null;
    }

    private void pause(Call call, Duration duration) {
        retries.increment();
        LOG.debug("{} {}: retrying in {} ms", call.method(), path(call.url()), duration.toMillis());
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            throw Failures.interrupted(call.method(), path(call.url()));
        }
    }

    /** The answer's rate limit, kept as the latest; empty when its headers are missing or incomplete. */
    private Optional<RateLimit> recordRateLimit(Headers headers) {
        String limit = headers.get("x-ratelimit-limit");
        if (limit == null) {
            return Optional.empty();
        }
        try {
            RateLimit rateLimit = new RateLimit(Integer.parseInt(limit),
                    Integer.parseInt(headers.get("x-ratelimit-remaining")),
                    Integer.parseInt(headers.get("x-ratelimit-used")),
                    epochSeconds(headers.get("x-ratelimit-reset")),
                    headers.get("x-ratelimit-resource"));
            lastRateLimit.set(rateLimit);
            return Optional.of(rateLimit);
        } catch (NumberFormatException | NullPointerException partial) {
            LOG.debug("ignoring incomplete rate-limit headers");
            return Optional.empty();
        }
    }

    private void requireSuccess(Answer answer) {
        if (answer.status() / 100 != 2) {
            throw Failures.forStatus(answer.call().method(), path(answer.call().url()), answer.status(), answer.body(),
                    credentials.source(), answer.attempts());
        }
    }

    private HttpUrl url(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("a GitHub API path starts with / (got " + pathAndQuery + ")");
        }
        return HttpUrl.get(settings.apiUrl() + pathAndQuery);
    }

    /** The path below the API URL, as the caller wrote it: "/repos/o/r/..." on github.com and on GHES alike. */
    private String path(HttpUrl url) {
        String base = settings.apiUrl().getRawPath();
        String path = url.encodedPath();
        return base != null && !base.isEmpty() && path.startsWith(base) ? path.substring(base.length()) : path;
    }

    /** Follows a Link only to the API's own server, so the token is never sent anywhere else. */
    private HttpUrl sameServer(String link, HttpUrl from) {
        HttpUrl next = HttpUrl.parse(link);
        if (next == null || !next.scheme().equals(from.scheme()) || !next.host().equals(from.host())
                || next.port() != from.port()) {
            throw new GitHubException(GitHubException.Kind.SERVER, 0,
                    "GitHub's next page of GET " + path(from) + " points to another server; not following it");
        }
        return next;
    }

    private <T> T read(byte[] body, Class<T> type, String method, HttpUrl url) {
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw Failures.unreadable(method, path(url), type);
        }
    }

    private <T> T convert(JsonNode node, Class<T> type, HttpUrl url) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw Failures.unreadable("GET", path(url), type);
        }
    }

    private static byte[] write(Object body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static Instant epochSeconds(String value) {
        Long seconds = seconds(value);
        return seconds == null ? null : Instant.ofEpochSecond(seconds);
    }

    private static Long seconds(String value) {
        try {
            return value == null ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** One request as the retry loop sees it; {@code body} null sends none. */
    private record Call(String method, HttpUrl url, byte[] body, String ifNoneMatch, boolean repeatable) {
    }

    private record Answer(Call call, int status, Headers headers, byte[] body, int attempts) {
        Answer withAttempts(int count) {
            return new Answer(call, status, headers, body, count);
        }
    }

    private record RateLimitWait(Duration duration, boolean secondary) {
    }
}
