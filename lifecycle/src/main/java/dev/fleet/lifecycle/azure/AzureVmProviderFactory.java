package dev.fleet.lifecycle.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.SharedExecutorService;
import com.azure.resourcemanager.compute.implementation.ComputeManagementClientBuilder;
import com.azure.resourcemanager.network.implementation.NetworkManagementClientBuilder;
import com.azure.resourcemanager.resources.fluent.ResourceManagementClient;
import com.azure.resourcemanager.resources.fluentcore.policy.ProviderRegistrationPolicy;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import com.azure.resourcemanager.resources.implementation.ProvidersImpl;
import com.azure.resourcemanager.resources.implementation.ResourceManagementClientBuilder;
import com.azure.resourcemanager.resources.implementation.SubscriptionClientBuilder;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.concurrent.Workers;
import dev.fleet.config.AzureSettings;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Builds the {@link VmProvider} and the {@link AzureAccount} a config describes: its cloud and endpoints, its
 * credential, its subscription (from the config, else {@code AZURE_SUBSCRIPTION_ID}), and the resource group of each
 * pool. All ARM traffic goes through the given HTTP client; {@link #production()} uses OkHttp, the transport fleet
 * ships instead of Netty.
 */
public final class AzureVmProviderFactory {

    public static final String SUBSCRIPTION_ENV = "AZURE_SUBSCRIPTION_ID";
    static final String RESOURCE_MANAGER = "resourceManagerEndpointUrl";
    static final String AUTHORITY = "activeDirectoryEndpointUrl";

    private static ScheduledExecutorService armTimers;

    private final CredentialSource credentials;
    private final HttpClient httpClient;
    private final Function<String, String> environmentVariables;
    private final ArmRequestListener requests;

    public AzureVmProviderFactory(CredentialSource credentials, HttpClient httpClient,
            Function<String, String> environmentVariables) {
        this(credentials, httpClient, environmentVariables, ArmRequestListener.NONE);
    }

    private AzureVmProviderFactory(CredentialSource credentials, HttpClient httpClient,
            Function<String, String> environmentVariables, ArmRequestListener requests) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        this.environmentVariables = Objects.requireNonNull(environmentVariables, "environmentVariables");
        this.requests = Objects.requireNonNull(requests, "requests");
    }

    /** This factory, with every ARM answer of the clients it builds told to {@code requests}. */
    public AzureVmProviderFactory reportingTo(ArmRequestListener requests) {
        return new AzureVmProviderFactory(credentials, httpClient, environmentVariables, requests);
    }

    public static AzureVmProviderFactory production() {
        keepArmUsableWhileStopping();
        return new AzureVmProviderFactory(CredentialSource.identity(),
                new OkHttpAsyncHttpClientBuilder(okHttp().build()).build(), System::getenv);
    }

    /*
     * azure-core times every call on a shared pool that its own shutdown hook shuts down, and it cannot make a new one
     * once the JVM is stopping. A reconcile told to stop by SIGTERM would then fail every ARM call of the pass it is
     * finishing, the ones that undo a half-made VM included. A pool of daemon threads of fleet's own lives until the
     * JVM ends.
     */
    private static synchronized void keepArmUsableWhileStopping() {
        if (armTimers == null) {
            armTimers = Executors.newScheduledThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                    Workers.daemons("fleet-arm-timer"));
            SharedExecutorService.getInstance().setExecutorService(armTimers);
        }
    }

    /**
     * The OkHttp set-up for ARM. Every call goes to one host, and OkHttp's default of 5 requests in flight per host
     * would cap a pool's parallel creates at 5 calls at a time whatever its provisioning concurrency.
     */
    public static OkHttpClient.Builder okHttp() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(128);
        return new OkHttpClient.Builder().dispatcher(dispatcher);
    }

    /** Signs in lazily: nothing goes over the network until the provider is first used. */
    public VmProvider create(FleetConfig config) {
        SignedIn azure = signIn(config.azure());
        Map<String, String> resourceGroups = config.pools().stream()
                .collect(Collectors.toUnmodifiableMap(PoolConfig::name, pool -> config.placement(pool).resourceGroup()));
        return new AzureVmProvider(
                new ComputeManagementClientBuilder().pipeline(azure.pipeline()).endpoint(azure.endpoint())
                        .subscriptionId(azure.subscription()).buildClient().getVirtualMachines(),
                new NetworkManagementClientBuilder().pipeline(azure.pipeline()).endpoint(azure.endpoint())
                        .subscriptionId(azure.subscription()).buildClient(), pool -> {
                    String resourceGroup = resourceGroups.get(pool);
                    if (resourceGroup == null) {
                        throw new IllegalArgumentException("no pool named " + pool + " in the config");
                    }
                    return resourceGroup;
                }, httpClient);
    }

    /** The subscription of {@code config}, for the checks before a pool is saved; signs in lazily too. */
    public AzureAccount account(FleetConfig config) {
        SignedIn azure = signIn(config.azure());
        return new ArmAzureAccount(
                new SubscriptionClientBuilder().pipeline(azure.pipeline()).endpoint(azure.endpoint()).buildClient()
                        .getSubscriptions(),
                azure.resources().getResourceGroups(), azure.subscription(),
                "azure.credential " + spelled(config.azure().credential()));
    }

    /** The setting as the config file spells it ({@code managed-identity}), for messages. */
    private static String spelled(AzureSettings.Credential kind) {
        try {
            return AzureSettings.Credential.class.getField(kind.name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("an enum constant is a field", e);
        }
    }

    /** One subscription of one cloud, signed in: the pipeline all its clients share, and its resource client. */
    private record SignedIn(HttpPipeline pipeline, AzureProfile profile, ResourceManagementClient resources) {

        String endpoint() {
            return profile.getEnvironment().getResourceManagerEndpoint();
        }

        String subscription() {
            return profile.getSubscriptionId();
        }
    }

    /*
     * The pipeline ComputeManager.configure() builds with this HTTP client and retry policy: the resource manager's
     * user agent, request ids, ARM's Retry-After, the bearer token with ARM's claims challenges, resource provider
     * registration and no HTTP logging; and each answer told to the request listener. The generated clients take it directly, so the managers' constructors, and
     * the storage and authorization SDKs that ComputeManager's constructor builds, never load.
     */
    private SignedIn signIn(AzureSettings azure) {
        AzureEnvironment environment = environment(azure);
        TokenCredential credential =
                credentials.credential(azure.credential(), environment.getActiveDirectoryEndpoint());
        AzureProfile profile = new AzureProfile(null, subscription(azure), environment);
        HttpPipeline pipeline = HttpPipelineProvider.buildHttpPipeline(credential, profile, null,
                new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE), null, SignInFailuresAreFinal.policy(),
                List.of(new ArmAnswers(requests)), httpClient);
        ResourceManagementClient resources = new ResourceManagementClientBuilder().pipeline(pipeline)
                .endpoint(environment.getResourceManagerEndpoint()).subscriptionId(profile.getSubscriptionId())
                .buildClient();
        registersProvidersThrough(pipeline, resources);
        return new SignedIn(pipeline, profile, resources);
    }

    /*
     * The pipeline's registration policy does nothing until it is given the providers API; a ResourceManager gives it
     * its own when built over the pipeline, and no manager is built here.
     */
    private static void registersProvidersThrough(HttpPipeline pipeline, ResourceManagementClient resources) {
        for (int i = 0; i < pipeline.getPolicyCount(); i++) {
            if (pipeline.getPolicy(i) instanceof ProviderRegistrationPolicy registration) {
                registration.setProviders(new ProvidersImpl(resources.getProviders()));
            }
        }
    }

    static AzureEnvironment environment(AzureSettings azure) {
        switch (azure.environment()) {
            case AZURE_CHINA_CLOUD:
                return AzureEnvironment.AZURE_CHINA;
            case AZURE_US_GOVERNMENT:
                return AzureEnvironment.AZURE_US_GOVERNMENT;
            case CUSTOM:
                return custom(azure.endpoints());
            case AZURE_CLOUD:
            default:
                return AzureEnvironment.AZURE;
        }
    }

    /** Azure Stack or a stub: the public cloud's endpoint table with Resource Manager and the authority replaced. */
    private static AzureEnvironment custom(AzureSettings.Endpoints endpoints) {
        if (endpoints == null || endpoints.resourceManager() == null || endpoints.authority() == null) {
            throw new IllegalArgumentException("azure.environment custom needs azure.endpoints.resourceManager "
                    + "and azure.endpoints.authority");
        }
        Map<String, String> table = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        table.put(RESOURCE_MANAGER, withSlash(endpoints.resourceManager()));
        table.put(AUTHORITY, withSlash(endpoints.authority()));
        return new AzureEnvironment(table);
    }

    private String subscription(AzureSettings azure) {
        String subscription = azure.subscriptionId() != null
                ? azure.subscriptionId()
                : environmentVariables.apply(SUBSCRIPTION_ENV);
        if (subscription == null || subscription.isBlank()) {
            throw new IllegalArgumentException("no Azure subscription: set azure.subscriptionId or " + SUBSCRIPTION_ENV);
        }
        return subscription;
    }

    // The SDK appends paths to these endpoints as they are, like the built-in ones, which all end in a slash.
    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
