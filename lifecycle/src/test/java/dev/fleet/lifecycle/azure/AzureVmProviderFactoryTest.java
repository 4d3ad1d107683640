package dev.fleet.lifecycle.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.azure.core.http.HttpClient;
import com.azure.core.management.AzureEnvironment;
import com.azure.identity.AzureCliCredential;
import com.azure.identity.EnvironmentCredential;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.fleet.config.AzureSettings;
import dev.fleet.config.FleetConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AzureVmProviderFactoryTest {

    @ParameterizedTest
    @CsvSource({
        "AZURE_CLOUD, https://management.azure.com/, https://login.microsoftonline.com/",
        "AZURE_CHINA_CLOUD, https://management.chinacloudapi.cn/, https://login.chinacloudapi.cn/",
        "AZURE_US_GOVERNMENT, https://management.usgovcloudapi.net/, https://login.microsoftonline.us/"
    })
    void eachCloudHasItsResourceManagerAndAuthority(AzureSettings.Environment cloud, String arm, String authority) {
        AzureEnvironment environment = AzureVmProviderFactory.environment(settings(cloud, null, null));

        assertThat(environment.getResourceManagerEndpoint()).isEqualTo(arm);
        assertThat(environment.getActiveDirectoryEndpoint()).isEqualTo(authority);
    }

    @Test
    void armCallsAreNotCappedAtOkHttpsFivePerHost() {
        okhttp3.Dispatcher dispatcher = AzureVmProviderFactory.okHttp().build().dispatcher();

        assertThat(dispatcher.getMaxRequestsPerHost()).isGreaterThanOrEqualTo(100);
        assertThat(dispatcher.getMaxRequests()).isGreaterThanOrEqualTo(dispatcher.getMaxRequestsPerHost());
    }

    @Test
    void customEndpointsReplaceResourceManagerAndAuthority() {
        AzureEnvironment environment = AzureVmProviderFactory.environment(settings(AzureSettings.Environment.CUSTOM,
                new AzureSettings.Endpoints("https://arm.stack.local", "https://login.stack.local/adfs/"), null));

        assertThat(environment.getResourceManagerEndpoint()).isEqualTo("https://arm.stack.local/");
        assertThat(environment.getActiveDirectoryEndpoint()).isEqualTo("https://login.stack.local/adfs/");
        assertThat(environment.getManagementEndpoint()).isEqualTo(AzureEnvironment.AZURE.getManagementEndpoint());
    }

    @Test
    void customWithoutEndpointsIsRefused() {
        assertThatThrownBy(() -> AzureVmProviderFactory.environment(
                settings(AzureSettings.Environment.CUSTOM, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("azure.endpoints");
    }

    @Test
    void eachCredentialSettingPicksItsIdentityCredential() {
        assertThat(IdentityKind.of(AzureSettings.Credential.DEFAULT)).isEqualTo(IdentityKind.DEFAULT_CHAIN);
        assertThat(IdentityKind.of(AzureSettings.Credential.CLI)).isEqualTo(IdentityKind.AZURE_CLI);
        assertThat(IdentityKind.of(AzureSettings.Credential.ENVIRONMENT)).isEqualTo(IdentityKind.ENVIRONMENT);
        assertThat(IdentityKind.of(AzureSettings.Credential.MANAGED_IDENTITY)).isEqualTo(IdentityKind.MANAGED_IDENTITY);
    }

    /** Only these two are built here: neither calls out when constructed, unlike the default chain and managed identity. */
    @Test
    void cliAndEnvironmentKindsBuildTheirCredentialClasses() {
        CredentialSource identity = CredentialSource.identity();

        assertThat(identity.credential(AzureSettings.Credential.CLI, "https://login.microsoftonline.com/"))
                .isInstanceOf(AzureCliCredential.class);
        assertThat(identity.credential(AzureSettings.Credential.ENVIRONMENT, "https://login.microsoftonline.com/"))
                .isInstanceOf(EnvironmentCredential.class);
    }

    @ParameterizedTest
    @EnumSource(AzureSettings.Credential.class)
    void theConfiguredKindAndTheCloudsAuthorityReachTheCredentialSource(AzureSettings.Credential kind) {
        List<String> asked = new ArrayList<>();
        CredentialSource recording = (k, authority) -> {
            asked.add(k + " " + authority);
            return ArmStub.staticToken(k, authority);
        };
        FleetConfig config = new FleetConfig(null, null,
                settings(AzureSettings.Environment.AZURE_CHINA_CLOUD, null, kind), List.of());

        new AzureVmProviderFactory(recording, mock(HttpClient.class), variable -> null).create(config);

        assertThat(asked).containsExactly(kind + " https://login.chinacloudapi.cn/");
    }

    @Test
    void subscriptionComesFromTheEnvironmentWhenTheConfigHasNone() {
        String fromEnvironment = "00000000-0000-0000-0000-0000000000bb";
        try (ArmStub arm = new ArmStub()) {
            String vms = "/subscriptions/" + fromEnvironment + "/resourceGroups/" + ArmStub.RG
                    + "/providers/Microsoft.Compute/virtualMachines";
            arm.stub(get(urlPathEqualTo(vms)).willReturn(ArmStub.json(200, Fixtures.parse("{\"value\":[]}"))));

            VmProvider provider = arm.provider(arm.config(null, "linux"),
                    Map.of(AzureVmProviderFactory.SUBSCRIPTION_ENV, fromEnvironment)::get);

            assertThat(provider.list("linux")).isEmpty();
            assertThat(arm.calls()).containsExactly("GET " + vms);
        }
    }

    /** A subscription new to a resource provider: ARM refuses until it is registered, then the call is made again. */
    @Test
    void aProviderTheSubscriptionIsNotRegisteredForIsRegisteredAndTheCallMadeAgain() {
        try (ArmStub arm = new ArmStub()) {
            String vms = ArmStub.COMPUTE + "/virtualMachines";
            String register = "/subscriptions/" + ArmStub.SUBSCRIPTION + "/providers/Microsoft.Compute/register";
            arm.stub(get(urlPathEqualTo(vms)).inScenario("registration").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(ArmStub.armError(409, "MissingSubscriptionRegistration",
                            "The subscription is not registered to use namespace 'Microsoft.Compute'."))
                    .willSetStateTo("registered"));
            arm.stub(post(urlPathEqualTo(register)).willReturn(ArmStub.json(200,
                    Fixtures.parse("{\"namespace\":\"Microsoft.Compute\",\"registrationState\":\"Registered\"}"))));
            arm.stub(get(urlPathEqualTo(vms)).inScenario("registration").whenScenarioStateIs("registered")
                    .willReturn(ArmStub.json(200, Fixtures.parse("{\"value\":[]}"))));

            assertThat(arm.provider("linux").list("linux")).isEmpty();
            assertThat(arm.calls()).containsExactly("GET " + vms, "POST " + register, "GET " + vms);
        }
    }

    @Test
    void everyArmAnswerIsToldToTheRequestListenerAThrottledAttemptIncluded() {
        try (ArmStub arm = new ArmStub()) {
            String vms = ArmStub.COMPUTE + "/virtualMachines";
            arm.throttledOnce(() -> get(urlPathEqualTo(vms)), "1", ArmStub.json(200, Fixtures.parse("{\"value\":[]}")));
            ToldRequests told = new ToldRequests();

            assertThat(arm.provider(told, "linux").list("linux")).isEmpty();
            assertThat(told.told).containsExactly("429", "200");
        }
    }

    @Test
    void noSubscriptionAnywhereIsAClearError() {
        try (ArmStub arm = new ArmStub()) {
            assertThatThrownBy(() -> arm.provider(arm.config(null, "linux"), variable -> null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("azure.subscriptionId").hasMessageContaining("AZURE_SUBSCRIPTION_ID");
        }
    }

    @Test
    void productionWiringBuildsWithoutTouchingTheNetwork() {
        assertThat(AzureVmProviderFactory.production()).isNotNull();
    }

    private static AzureSettings settings(AzureSettings.Environment cloud, AzureSettings.Endpoints endpoints,
            AzureSettings.Credential credential) {
        return new AzureSettings(cloud, endpoints, credential, ArmStub.SUBSCRIPTION, null, null, null, null, null, null,
                null, null);
    }
}
