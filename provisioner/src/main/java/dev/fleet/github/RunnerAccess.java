package dev.fleet.github;

/**
 * Whether a credential can serve a pool on a scope, asked once before the pool is saved: a misspelt repository or a
 * token without the permission then stops the change that brought it, instead of failing every later reconcile.
 */
public interface RunnerAccess {
    /**
     * Returns when the repository or organization exists and the credential may register runners on it; otherwise
     * throws {@link GitHubException} whose message names the scope and, for a refusal, the permission it needs.
     */
    void verify(RunnerScope scope);
}
