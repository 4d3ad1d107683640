package dev.fleet.it.cloud;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.AzureCliCredentialBuilder;

/**
 * Signs in the way fleet does with {@code azure.credential: cli} and prints the token and its expiry. Run as its own
 * process by {@link HarnessIT}: AzureCliCredential finds {@code az} on the PATH of the JVM it runs in, which a test
 * cannot change for its own JVM.
 */
public final class AzCliProbe {
    private AzCliProbe() {
    }

    public static void main(String[] args) {
        AccessToken token = new AzureCliCredentialBuilder().build()
                .getTokenSync(new TokenRequestContext().addScopes("https://management.core.windows.net//.default"));
        System.out.println(token.getToken() + " " + token.getExpiresAt().toInstant());
    }
}
