package dev.fleet.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/** Azure settings shared by every pool; a pool may override the placement ones ({@link PoolConfig.AzureOverrides}). */
public record AzureSettings(
        Environment environment,
        Endpoints endpoints,
        Credential credential,
        String subscriptionId,
        String resourceGroup,
        String location,
        String vmSize,
        String image,
        String adminUser,
        Integer sshPort,
        List<String> sshAllowedCidrs,
        Boolean allowAnySource) {

    public static final String DEFAULT_VM_SIZE = "Standard_D2s_v5";
    public static final String DEFAULT_IMAGE = "Canonical:ubuntu-24_04-lts:server:latest";
    static final String DEFAULT_ADMIN_USER = "fleet";
    static final int DEFAULT_SSH_PORT = 22;
    public static final AzureSettings DEFAULTS =
            new AzureSettings(null, null, null, null, null, null, null, null, null, null, null, null);

    /** The Azure cloud, which fixes the Resource Manager and authority endpoints unless it is {@code custom}. */
    public enum Environment {
        @JsonProperty("AzureCloud") AZURE_CLOUD,
        @JsonProperty("AzureChinaCloud") AZURE_CHINA_CLOUD,
        @JsonProperty("AzureUSGovernment") AZURE_US_GOVERNMENT,
        /** Endpoints given in {@code endpoints}: Azure Stack, or a stub in tests. */
        @JsonProperty("custom") CUSTOM
    }

    /** Which azure-identity credential signs fleet in. */
    public enum Credential {
        /** DefaultAzureCredential: environment, workload identity, managed identity, then the Azure CLI. */
        @JsonProperty("default") DEFAULT,
        @JsonProperty("cli") CLI,
        @JsonProperty("environment") ENVIRONMENT,
        @JsonProperty("managed-identity") MANAGED_IDENTITY
    }

    /** Endpoints of a {@code custom} environment. */
    public record Endpoints(String resourceManager, String authority) {
    }

    public AzureSettings {
        environment = Objects.requireNonNullElse(environment, Environment.AZURE_CLOUD);
        credential = Objects.requireNonNullElse(credential, Credential.DEFAULT);
        vmSize = Objects.requireNonNullElse(vmSize, DEFAULT_VM_SIZE);
        image = Objects.requireNonNullElse(image, DEFAULT_IMAGE);
        adminUser = Objects.requireNonNullElse(adminUser, DEFAULT_ADMIN_USER);
        sshPort = Objects.requireNonNullElse(sshPort, DEFAULT_SSH_PORT);
        sshAllowedCidrs = Values.list(sshAllowedCidrs);
        allowAnySource = Objects.requireNonNullElse(allowAnySource, false);
    }
}
