package dev.fleet.cli;

import dev.fleet.cli.command.FleetException;
import dev.fleet.config.ConfigValidator;
import dev.fleet.config.FleetConfig;
import dev.fleet.github.GitHubClientSettings;
import java.util.Map;

/**
 * The GitHub API a command talks to: {@code GITHUB_API_URL} when it is set, else the config's {@code github.apiUrl}.
 * The variable is held to the file's rule, since the token goes wherever it points.
 */
final class GitHubApiUrl {
    private GitHubApiUrl() {
    }

    /** {@code config} reaching GitHub where the environment says; bad input when the variable breaks the rule. */
    static FleetConfig applied(FleetConfig config, Map<String, String> env) {
        String fromEnv = env.get(GitHubClientSettings.API_URL_ENV);
        if (fromEnv == null || fromEnv.isBlank()) {
            return config;
        }
        String url = fromEnv.strip();
        ConfigValidator.validateApiUrl(GitHubClientSettings.API_URL_ENV, url).ifPresent(problem -> {
            throw FleetException.badInput(problem.toString());
        });
        return config.withGitHubApiUrl(url);
    }
}
