package dev.fleet.lifecycle.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.RetryStrategy;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The SDK's retries for ARM calls, except after a failed sign-in: the SDK would ask the credential three more times,
 * seconds apart, though neither a missing {@code az login} nor a wrong secret mends itself in seconds.
 */
final class SignInFailuresAreFinal implements RetryStrategy {

    private final RetryStrategy backoff = new ExponentialBackoff();

    /** The policy the resource manager SDK uses by default, ARM's Retry-After in seconds, with this strategy. */
    static RetryPolicy policy() {
        return new RetryPolicy(new SignInFailuresAreFinal(), "Retry-After", ChronoUnit.SECONDS);
    }

    @Override
    public int getMaxRetries() {
        return backoff.getMaxRetries();
    }

    @Override
    public Duration calculateRetryDelay(int retryAttempts) {
        return backoff.calculateRetryDelay(retryAttempts);
    }

    @Override
    public boolean shouldRetryCondition(RequestRetryCondition condition) {
        return !(condition.getThrowable() instanceof ClientAuthenticationException)
                && backoff.shouldRetryCondition(condition);
    }
}
