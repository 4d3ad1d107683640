package dev.fleet.github;

import java.util.Map;

/** A personal access token (or any fixed token) from the environment. */
public final class TokenCredentials implements GitHubCredentials {
    public static final String ENV = "GITHUB_TOKEN";

    private final Secret token;
    private final String source;

    public TokenCredentials(Secret token, String source) {
        this.token = token;
        this.source = source;
    }

    /** Reads {@code GITHUB_TOKEN}; fails with {@code MISSING_CREDENTIALS} when it is unset or blank. */
    static TokenCredentials fromEnvironment(Map<String, String> env) {
        String value = env.get(ENV);
        if (value == null || value.isBlank()) {
            throw GitHubException.missingCredentials();
        }
        return new TokenCredentials(Secret.of(value.strip()), ENV);
    }

    @Override
    public String token() {
        return token.reveal();
    }

    /** A fixed token cannot be renewed: the same one comes back, so the client does not retry a 401. */
    @Override
    public void invalidate() {
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "TokenCredentials[" + source + "]";
    }
}
