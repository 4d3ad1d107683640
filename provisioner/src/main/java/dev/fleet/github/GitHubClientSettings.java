package dev.fleet.github;

import dev.fleet.config.GitHubSettings;
import dev.fleet.config.XdgBase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach GitHub.
 *
 * @param apiUrl           REST base: {@code https://api.github.com}, or {@code https://HOST/api/v3} for GitHub
 *                         Enterprise Server; no trailing slash
 * @param connectTimeout   per connection attempt
 * @param readTimeout      per read (and write) of one request
 * @param maxRetries       retries after the first attempt on network errors and 5xx
 * @param maxRateLimitWait the longest fleet waits for a rate limit to lift before it fails with RATE_LIMITED
 * @param userAgent        {@code fleet/<version>}; GitHub rejects requests without one
 * @param cacheDir         a folder of fleet's own where GET answers are kept for conditional requests in later
 *                         processes (see {@link #defaultCacheDir}), or null to keep them in memory only
 */
public record GitHubClientSettings(URI apiUrl, Duration connectTimeout, Duration readTimeout, int maxRetries,
                                   Duration maxRateLimitWait, String userAgent, Path cacheDir) {
    public static final String API_URL_ENV = "GITHUB_API_URL";
    static final String CACHE_FOLDER = "http-cache";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_MAX_RETRIES = 4;
    static final Duration DEFAULT_MAX_RATE_LIMIT_WAIT = Duration.ofMinutes(5);

    public GitHubClientSettings {
        Objects.requireNonNull(apiUrl, "apiUrl");
        if (!apiUrl.isAbsolute() || !("https".equals(apiUrl.getScheme()) || "http".equals(apiUrl.getScheme()))) {
            throw new IllegalArgumentException("GitHub API URL must start with https:// (got " + apiUrl + ")");
        }
        String text = apiUrl.toString();
        if (text.endsWith("/")) {
            apiUrl = URI.create(text.substring(0, text.length() - 1));
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(maxRateLimitWait, "maxRateLimitWait");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more (got " + maxRetries + ")");
        }
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
    }

    /** Without a cache folder: conditional requests only within one process. */
    GitHubClientSettings(URI apiUrl, Duration connectTimeout, Duration readTimeout, int maxRetries,
                                Duration maxRateLimitWait, String userAgent) {
        this(apiUrl, connectTimeout, readTimeout, maxRetries, maxRateLimitWait, userAgent, null);
    }

    public GitHubClientSettings withCacheDir(Path folder) {
        return new GitHubClientSettings(apiUrl, connectTimeout, readTimeout, maxRetries, maxRateLimitWait, userAgent,
                folder);
    }

    /**
     * fleet's HTTP cache folder, beside its other run state: {@code $XDG_STATE_HOME/fleet/http-cache}, else
     * {@code $HOME/.local/state/fleet/http-cache}. Everything comes from {@code env}, so tests never see the real
     * home; only when it has no HOME does this fall back to the {@code user.home} property.
     */
    public static Path defaultCacheDir(Map<String, String> env) {
        return XdgBase.STATE.fleetFolder(env).resolve(CACHE_FOLDER);
    }

    /** Defaults for everything but the URL and the version in the User-Agent. */
    public static GitHubClientSettings defaults(URI apiUrl, String version) {
        return new GitHubClientSettings(apiUrl, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES,
                DEFAULT_MAX_RATE_LIMIT_WAIT, "fleet/" + version);
    }

    /**
     * The API URL by precedence: {@code GITHUB_API_URL} in {@code env}, then the {@code --github-api-url} option
     * (null when not given), then {@code github.apiUrl} of the config, then {@code https://api.github.com}.
     */
    public static GitHubClientSettings resolve(Map<String, String> env, String apiUrlOption, GitHubSettings config,
                                               String version) {
        return defaults(URI.create(apiUrl(env, apiUrlOption, config)), version);
    }

    /** The API URL alone, by the precedence of {@link #resolve}. */
    public static String apiUrl(Map<String, String> env, String apiUrlOption, GitHubSettings config) {
        return firstNonBlank(env.get(API_URL_ENV), apiUrlOption, config == null ? null : config.apiUrl(),
                GitHubSettings.DEFAULT_API_URL).strip();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (isSet(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the last candidate is a constant");
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration (got " + duration + ")");
        }
    }
}
