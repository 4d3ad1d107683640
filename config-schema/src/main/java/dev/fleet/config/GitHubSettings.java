package dev.fleet.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * How fleet reaches GitHub. The file names the kind of credential only: a token or an App's private key comes from the
 * environment or from the key file {@code app.privateKeyPath}, never from the config itself.
 */
public record GitHubSettings(String apiUrl, AuthMode auth, App app) {
    public static final String DEFAULT_API_URL = "https://api.github.com";
    public static final GitHubSettings DEFAULTS = new GitHubSettings(null, null, null);

    public enum AuthMode {
        /** A personal access token from {@code GITHUB_TOKEN}. */
        @JsonProperty("token") TOKEN,
        /** A GitHub App installation; needs {@code app}. */
        @JsonProperty("app") APP
    }

    /** A GitHub App installation: ids and the path to its private key file. */
    public record App(Long appId, String privateKeyPath, Long installationId) {
    }

    public GitHubSettings {
        apiUrl = Objects.requireNonNullElse(apiUrl, DEFAULT_API_URL);
        auth = Objects.requireNonNullElse(auth, AuthMode.TOKEN);
    }
}
