/**
 * fleet's side of GitHub: a REST client, self-hosted runner registration and fleet's webhook. Lifecycle registers,
 * lists and removes runners through {@link dev.fleet.github.GitHubRunners}; queue-monitor reads the job queue through
 * the client; cli builds the client, checks a pool's access ({@link dev.fleet.github.RunnerAccess}) and rate limit,
 * and sets up and watches a pool's webhook ({@link dev.fleet.github.Webhooks}).
 *
 * <ul>
 *   <li>{@link dev.fleet.github.GitHubClient}: GET (conditional, through an ETag cache), GET of all pages, POST and
 *       DELETE, with retries, rate-limit waits and one-line {@link dev.fleet.github.GitHubException}s. Build its
 *       settings with {@link dev.fleet.github.GitHubClientSettings#resolve} and its credentials with
 *       {@link dev.fleet.github.GitHubCredentials#fromConfig}. A process that runs once per pass (cron) adds
 *       {@code .withCacheDir(GitHubClientSettings.defaultCacheDir(env))}, so the ETags outlive it.</li>
 *   <li>{@link dev.fleet.github.GitHubRunners} ({@link dev.fleet.github.RestGitHubRunners}): registration, remove
 *       and JIT tokens, runners list/get/delete, runner groups, runner packages.</li>
 *   <li>{@link dev.fleet.github.Webhooks} ({@link dev.fleet.github.RestWebhooks}): fleet's {@code workflow_job}
 *       webhook on a repository or organization, found by its URL, created or updated, and its deliveries, with
 *       the events it sent that were never answered 2xx.</li>
 * </ul>
 *
 * <p>Secrets (tokens, JWTs, registration tokens, JIT configs, webhook secrets) travel as {@link dev.fleet.github.Secret} or inside
 * credentials and never reach a log line, an exception message or a {@code toString}.
 */
package dev.fleet.github;
