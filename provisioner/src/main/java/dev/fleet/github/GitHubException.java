package dev.fleet.github;

/**
 * A GitHub call that failed in a way the caller cannot fix by waiting. The message is one line that says what to
 * fix, and never contains a token or a response body of a token endpoint.
 */
public final class GitHubException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** 401: the token is wrong, expired or revoked. */
        UNAUTHORIZED,
        /** 403 that is not a rate limit: the token lacks a permission. */
        FORBIDDEN,
        /** 404: the repository, organization or object does not exist, or the token cannot see it. */
        NOT_FOUND,
        /** A rate limit that would take longer than the allowed wait to lift. */
        RATE_LIMITED,
        /** 422 (or another 4xx): GitHub refused the request as sent. */
        INVALID,
        /** 5xx after all retries, or a response fleet cannot read. */
        SERVER,
        /** No answer: connection refused, timeout, TLS, after all retries. */
        NETWORK,
        /** Neither a token nor a GitHub App is configured. */
        MISSING_CREDENTIALS
    }

    private final int status;
    private final Kind kind;

    /** @param status the HTTP status, or 0 when there was no response */
    public GitHubException(Kind kind, int status, String message) {
        this(kind, status, message, null);
    }

    public GitHubException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    static GitHubException missingCredentials() {
        return new GitHubException(Kind.MISSING_CREDENTIALS, 0,
                "set GITHUB_TOKEN, or configure a GitHub App (github.auth: app)");
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    public Kind kind() {
        return kind;
    }
}
