package dev.fleet.lifecycle.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import dev.fleet.config.AzureSettings;

/**
 * One azure-identity credential per {@code azure.credential} value. A separate step from building it so that the
 * choice can be tested without building the ones that reach for the instance metadata endpoint.
 */
enum IdentityKind {
    DEFAULT_CHAIN {
        @Override
        TokenCredential build(String authorityHost) {
            return new DefaultAzureCredentialBuilder().authorityHost(authorityHost).build();
        }
    },
    /** The az CLI knows its own cloud, so the authority is not passed on. */
    AZURE_CLI {
        @Override
        TokenCredential build(String authorityHost) {
            return new AzureCliCredentialBuilder().build();
        }
    },
    ENVIRONMENT {
        @Override
        TokenCredential build(String authorityHost) {
            return new EnvironmentCredentialBuilder().authorityHost(authorityHost).build();
        }
    },
    /** The metadata endpoint hands out tokens itself; there is no authority to pass. */
    MANAGED_IDENTITY {
        @Override
        TokenCredential build(String authorityHost) {
            return new ManagedIdentityCredentialBuilder().build();
        }
    };

    abstract TokenCredential build(String authorityHost);

    static IdentityKind of(AzureSettings.Credential credential) {
        switch (credential) {
            case CLI:
                return AZURE_CLI;
            case ENVIRONMENT:
                return ENVIRONMENT;
            case MANAGED_IDENTITY:
                return MANAGED_IDENTITY;
            case DEFAULT:
            default:
                return DEFAULT_CHAIN;
        }
    }
}
