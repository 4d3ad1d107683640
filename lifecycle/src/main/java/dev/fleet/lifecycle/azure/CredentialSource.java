package dev.fleet.lifecycle.azure;

import com.azure.core.credential.TokenCredential;
import dev.fleet.config.AzureSettings;

/**
 * Where the Azure credential comes from. The real one builds azure-identity credentials; tests pass a static token,
 * since some real credentials probe the instance metadata endpoint.
 */
@FunctionalInterface
public interface CredentialSource {

    /** @param authorityHost the Microsoft Entra endpoint of the configured cloud */
    TokenCredential credential(AzureSettings.Credential kind, String authorityHost);

    /** The credentials of azure-identity, picked by {@code azure.credential}. */
    static CredentialSource identity() {
        return (kind, authorityHost) -> IdentityKind.of(kind).build(authorityHost);
    }
}
