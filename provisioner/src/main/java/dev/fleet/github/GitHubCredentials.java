package dev.fleet.github;

import dev.fleet.config.GitHubSettings;
import java.nio.file.Path;
import java.util.Map;

/** Where the bearer token of every request comes from. Implementations are thread-safe. */
public interface GitHubCredentials {
    /**
     * The credentials the config asks for: {@code GITHUB_TOKEN} from {@code env} for {@code auth: token}, the App of
     * {@code github.app} for {@code auth: app}.
     *
     * @param installedOn where to look up the App's installation when the config gives no installation id
     * @throws GitHubException of kind {@code MISSING_CREDENTIALS} naming what to set
     */
    static GitHubCredentials fromConfig(GitHubSettings config, Map<String, String> env, RunnerScope installedOn,
                                        GitHubClientSettings settings) {
        if (config.auth() == GitHubSettings.AuthMode.TOKEN) {
            return TokenCredentials.fromEnvironment(env);
        }
        GitHubSettings.App app = config.app();
        if (app == null || app.appId() == null || app.privateKeyPath() == null) {
            throw new GitHubException(GitHubException.Kind.MISSING_CREDENTIALS, 0,
                    "github.auth is app: set github.app.appId and github.app.privateKeyPath");
        }
        return new AppCredentials(app.appId(), Path.of(app.privateKeyPath()), app.installationId(), installedOn,
                settings);
    }

    /**
     * The token to send now. May call GitHub (an App exchanges its JWT for an installation token).
     *
     * @throws GitHubException of kind {@code MISSING_CREDENTIALS} when there is none
     */
    String token();

    /** Forget a token GitHub rejected (401), so the next {@link #token()} fetches a fresh one if it can. */
    void invalidate();

    /** Where the token comes from, for messages: "GITHUB_TOKEN", "GitHub App 123". Never the token. */
    String source();

    /**
     * Who the token speaks for, as a value safe to keep in memory: responses cached for one identity are never
     * served to another. The default is a hash of the token; credentials whose token rotates for the same identity
     * (an App installation) return something stable instead.
     */
    default String identity() {
        return "token-sha256:" + Sha256.hex(token());
    }
}
