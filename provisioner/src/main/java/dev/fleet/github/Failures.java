package dev.fleet.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.config.OutsideText;
import dev.fleet.github.GitHubException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed call into a one-line message that names what to fix. Only GitHub's own {@code message} field is
 * quoted from a response, never a body as a whole, so a token in a body cannot reach a message.
 */
final class Failures {
    private static final Pattern REPO = Pattern.compile("^/repos/([^/?]+)/([^/?]+)");
    private static final Pattern ORG = Pattern.compile("^/orgs/([^/?]+)");
    private static final Pattern HOOKS = Pattern.compile("^/(repos/[^/?]+/[^/?]+|orgs/[^/?]+)/hooks(/|\\?|$)");
    private static final Pattern INSTALLATION = Pattern.compile("^/app/installations/([^/?]+)");
    private static final int MAX_QUOTE = 200;

    private Failures() {
    }

    static GitHubException forStatus(String method, String path, int status, byte[] body, String tokenSource,
                                     int attempts) {
        String call = method + " " + path;
        String says = quote(body);
        return switch (status) {
            case 401 -> new GitHubException(Kind.UNAUTHORIZED, status,
                    "GitHub rejected the token from " + tokenSource + " (401): set a valid token");
            case 403 -> new GitHubException(Kind.FORBIDDEN, status,
                    "GitHub refused " + call + " (403): the token from " + tokenSource
                            + " lacks a permission on " + target(path) + permission(path) + says);
            case 404 -> new GitHubException(Kind.NOT_FOUND, status,
                    "GitHub says " + target(path) + " does not exist or the token cannot see it (" + call + ": 404)"
                            + (isHook(path) ? permission(path) : ""));
            default -> status >= 500
                    ? new GitHubException(Kind.SERVER, status, "GitHub failed " + call + " with " + status + " after "
                            + attempts(attempts) + "; try again later" + says)
                    : new GitHubException(Kind.INVALID, status,
                            "GitHub rejected " + call + " (" + status + ")" + says);
        };
    }

    static GitHubException network(String method, String path, String host, IOException cause, int attempts) {
        return new GitHubException(Kind.NETWORK, 0, "no answer from GitHub at " + host + " to " + method + " " + path
                + " after " + attempts(attempts) + " (" + cause.getClass().getSimpleName()
                + "); check the network and the GitHub API URL", cause);
    }

    static GitHubException rateLimited(String method, String path, int status, Instant until, Duration maxWait) {
        return new GitHubException(Kind.RATE_LIMITED, status, "GitHub's rate limit blocks " + method + " " + path
                + " until " + until + ", longer than fleet may wait (" + maxWait.toSeconds()
                + " s); try again after then, or use a GitHub App for a higher limit");
    }

    static GitHubException unreadable(String method, String path, Class<?> type) {
        // Jackson's own message quotes the input, which may be a token: leave it and the cause out.
        return new GitHubException(Kind.SERVER, 0,
                "GitHub's answer to " + method + " " + path + " is not the JSON expected for " + type.getSimpleName());
    }

    static GitHubException interrupted(String method, String path) {
        Thread.currentThread().interrupt();
        return new GitHubException(Kind.NETWORK, 0, "interrupted while waiting to retry " + method + " " + path);
    }

    /** What a path is about, in words: "repository o/r", "organization o". */
    static String target(String path) {
        Matcher repo = REPO.matcher(path);
        if (repo.find()) {
            return "repository " + repo.group(1) + "/" + repo.group(2);
        }
        Matcher org = ORG.matcher(path);
        if (org.find()) {
            return "organization " + org.group(1);
        }
        Matcher installation = INSTALLATION.matcher(path);
        if (installation.find()) {
            return "GitHub App installation " + installation.group(1);
        }
        return path;
    }

    /**
     * Which permission runner and webhook endpoints need, as GitHub's token settings name it. GitHub answers 404, not
     * 403, to a token that may see a repository but not administer its webhooks.
     */
    private static String permission(String path) {
        boolean repository = REPO.matcher(path).find();
        if (isHook(path)) {
            return repository
                    ? "; webhooks need repository permission Webhooks: write (classic scope: admin:repo_hook)"
                    : "; organization webhooks need an organization owner's token with organization permission "
                            + "Webhooks: write (classic scope: admin:org_hook)";
        }
        if (!path.contains("/actions/runner")) {
            return "";
        }
        return repository
                ? "; runners need repository permission Administration: write (classic scope: repo)"
                : "; runners need organization permission Self-hosted runners: write (classic scope: admin:org)";
    }

    private static boolean isHook(String path) {
        return HOOKS.matcher(path).find();
    }

    private static String attempts(int attempts) {
        return attempts == 1 ? "1 attempt" : attempts + " attempts";
    }

    /** GitHub's error {@code message}, quoted on one line, short and printable, or "" when the body has none. */
    static String quote(byte[] body) {
        String text = OutsideText.printable(message(body)).replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "";
        }
        return " (GitHub says: " + (text.length() > MAX_QUOTE ? text.substring(0, MAX_QUOTE) + "…" : text) + ")";
    }

    /** The {@code message} field of a JSON error body, or "". */
    static String message(byte[] body) {
        try {
            JsonNode message = Json.MAPPER.readTree(body).path("message");
            return message.isTextual() ? message.asText() : "";
        } catch (IOException | RuntimeException notJson) {
            return "";
        }
    }
}
