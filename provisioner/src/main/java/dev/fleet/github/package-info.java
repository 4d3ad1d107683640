/**
 * fleet's side of GitHub: a REST client and self-hosted runner registration. Lifecycle registers, lists and removes
 * runners through {@link dev.fleet.github.GitHubRunners}; queue-monitor reads the job queue through the client; cli
 * builds the client and checks a pool's access ({@link dev.fleet.github.RunnerAccess}) and rate limit.
 *
 * <ul>
 *   <li>{@link dev.fleet.github.GitHubClient}: GET (conditional, through an ETag cache), GET of all pages, POST and
 *       DELETE, with retries, rate-limit waits and one-line {@link dev.fleet.github.GitHubException}s. Build its
 *       settings with {@link dev.fleet.github.GitHubClientSettings#resolve} and its credentials with
 *       {@link dev.fleet.github.GitHubCredentials#fromConfig}. A process that runs once per pass (cron) adds
 *       {@code .withCacheDir(GitHubClientSettings.defaultCacheDir(env))}, so the ETags outlive it.</li>
 *   <li>{@link dev.fleet.github.GitHubRunners} ({@link dev.fleet.github.RestGitHubRunners}): registration, remove
 *       and JIT tokens, runners list/get/delete, runner groups, runner packages.</li>
 * </ul>
 *
 * <p>Secrets (tokens, JWTs, registration tokens, JIT configs) travel as {@link dev.fleet.github.Secret} or inside
 * credentials and never reach a log line, an exception message or a {@code toString}.
 */
package dev.fleet.github;
