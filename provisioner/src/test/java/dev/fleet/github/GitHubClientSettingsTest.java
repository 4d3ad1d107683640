package dev.fleet.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.config.GitHubSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHubClientSettingsTest {
    static final GitHubSettings CONFIGURED = new GitHubSettings("https://config.example/api/v3", null, null);

    @Test
    void theEnvironmentWinsOverTheOptionOverTheConfigOverTheDefault() {
        Map<String, String> env = Map.of("GITHUB_API_URL", "https://env.example/api/v3");

        assertThat(GitHubClientSettings.resolve(env, "https://option.example", CONFIGURED, "1.2").apiUrl())
                .isEqualTo(URI.create("https://env.example/api/v3"));
        assertThat(GitHubClientSettings.resolve(Map.of(), "https://option.example", CONFIGURED, "1.2").apiUrl())
                .isEqualTo(URI.create("https://option.example"));
        assertThat(GitHubClientSettings.resolve(Map.of("GITHUB_API_URL", ""), null, CONFIGURED, "1.2").apiUrl())
                .isEqualTo(URI.create("https://config.example/api/v3"));
        assertThat(GitHubClientSettings.resolve(Map.of(), " ", null, "1.2").apiUrl())
                .isEqualTo(URI.create("https://api.github.com"));
    }

    @Test
    void defaultsAreThirtySecondTimeoutsAndAFleetUserAgent() {
        GitHubClientSettings settings = GitHubClientSettings.resolve(Map.of(), null, GitHubSettings.DEFAULTS, "0.1.0");

        assertThat(settings).isEqualTo(new GitHubClientSettings(URI.create("https://api.github.com"),
                Duration.ofSeconds(30), Duration.ofSeconds(30), 4, Duration.ofMinutes(5), "fleet/0.1.0"));
    }

    @Test
    void dropsATrailingSlashAndRejectsWhatCannotWork() {
        assertThat(GitHubClientSettings.defaults(URI.create("https://ghe.example/api/v3/"), "1").apiUrl())
                .hasToString("https://ghe.example/api/v3");
        URI github = URI.create("https://api.github.com");
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> GitHubClientSettings.defaults(URI.create("ghe.example/api/v3"), "1"))
                .hasMessage("GitHub API URL must start with https:// (got ghe.example/api/v3)");
        assertThatThrownBy(() -> GitHubClientSettings.defaults(URI.create("ftp://ghe.example"), "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GitHubClientSettings(github, Duration.ZERO, second, 1, second, "ua"))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> new GitHubClientSettings(github, second, second, -1, second, "ua"))
                .hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> new GitHubClientSettings(github, second, second, 1, second, " "))
                .hasMessageContaining("userAgent");
    }

    @Test
    void theCacheFolderSitsInXdgStateHomeElseInHomesLocalState() {
        assertThat(GitHubClientSettings.defaultCacheDir(Map.of("XDG_STATE_HOME", "/xdg/state", "HOME", "/home/ada")))
                .isEqualTo(Path.of("/xdg/state/fleet/http-cache"));
        // The XDG spec says an empty or relative value is to be ignored.
        assertThat(GitHubClientSettings.defaultCacheDir(Map.of("XDG_STATE_HOME", "relative", "HOME", "/home/ada")))
                .isEqualTo(Path.of("/home/ada/.local/state/fleet/http-cache"));
        assertThat(GitHubClientSettings.defaultCacheDir(Map.of("XDG_STATE_HOME", " ", "HOME", "/home/ada")))
                .isEqualTo(Path.of("/home/ada/.local/state/fleet/http-cache"));
        assertThat(GitHubClientSettings.defaultCacheDir(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local", "state", "fleet", "http-cache"));
    }

    @Test
    void keepsAnswersInMemoryOnlyUnlessGivenAFolder() {
        GitHubClientSettings settings = GitHubClientSettings.defaults(URI.create("https://api.github.com"), "1");

        assertThat(settings.cacheDir()).isNull();
        assertThat(settings.withCacheDir(Path.of("/state/fleet/http-cache")))
                .isEqualTo(new GitHubClientSettings(settings.apiUrl(), settings.connectTimeout(),
                        settings.readTimeout(), settings.maxRetries(), settings.maxRateLimitWait(),
                        settings.userAgent(), Path.of("/state/fleet/http-cache")));
    }
}
