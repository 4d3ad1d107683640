package dev.fleet.lifecycle.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.CredentialUnavailableException;
import dev.fleet.lifecycle.azure.AzureAccessException.Kind;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class AzureAccountTest {
    private static final String SUBSCRIPTION_PATH = "/subscriptions/" + ArmStub.SUBSCRIPTION;
    // The SDK writes resource group paths in lower case; ARM matches them case-insensitively.
    private static final String RG_PATH = SUBSCRIPTION_PATH + "/resourcegroups/" + ArmStub.RG;
    private static final String FORBIDDEN = "The client 'fleet-ci' with object id 'b1e2' does not have authorization "
            + "to perform action 'Microsoft.Resources/subscriptions/resourcegroups/write' over scope '" + RG_PATH
            + "' or the scope is invalid.";

    private final ArmStub arm = new ArmStub();
    private final AzureAccount account = arm.account(ArmStub::staticToken);

    @AfterEach
    void stop() {
        arm.close();
    }

    private void subscription(String state) {
        arm.stub(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(ArmStub.json(200, Fixtures.parse(
                "{\"id\": \"" + SUBSCRIPTION_PATH + "\", \"subscriptionId\": \"" + ArmStub.SUBSCRIPTION
                        + "\", \"displayName\": \"Fleet CI\", \"state\": \"" + state + "\", \"authorizationSource\": "
                        + "\"RoleBased\", \"subscriptionPolicies\": {\"locationPlacementId\": \"Public_2014-09-01\", "
                        + "\"quotaId\": \"PayAsYouGo_2014-09-01\", \"spendingLimit\": \"Off\"}}"))));
    }

    private static String resourceGroup(String location) {
        return "{\"id\": \"" + RG_PATH + "\", \"name\": \"" + ArmStub.RG + "\", \"type\": "
                + "\"Microsoft.Resources/resourceGroups\", \"location\": \"" + location + "\", \"tags\": "
                + "{\"managed-by\": \"fleet\"}, \"properties\": {\"provisioningState\": \"Succeeded\"}}";
    }

    @Test
    void anEnabledSubscriptionIsReadOnceAndNamed() {
        subscription("Enabled");

        assertThat(account.checkSubscription()).isEqualTo(new AzureAccount.Subscription(ArmStub.SUBSCRIPTION,
                "Fleet CI"));
        assertThat(arm.calls()).containsExactly("GET " + SUBSCRIPTION_PATH);
    }

    @Test
    void aSubscriptionAzureDoesNotKnowIsNamedWithWhereItCameFrom() {
        arm.stub(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(ArmStub.armError(404, "SubscriptionNotFound",
                "The subscription '" + ArmStub.SUBSCRIPTION + "' could not be found.")));

        assertThatThrownBy(account::checkSubscription)
                .isInstanceOfSatisfying(AzureAccessException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED))
                .hasMessage("Azure subscription " + ArmStub.SUBSCRIPTION + " does not exist or azure.credential cli "
                        + "cannot see it: check azure.subscriptionId (or AZURE_SUBSCRIPTION_ID) and the tenant you "
                        + "signed in to");
    }

    @Test
    void aSubscriptionTheIdentityMayNotReadQuotesAzuresReason() {
        arm.stub(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(ArmStub.armError(403, "AuthorizationFailed",
                "The client 'fleet-ci' does not have authorization to perform action "
                        + "'Microsoft.Resources/subscriptions/read'.")));

        assertThatThrownBy(account::checkSubscription)
                .isInstanceOfSatisfying(AzureAccessException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED))
                .hasMessage("Azure refused reading subscription " + ArmStub.SUBSCRIPTION + " (AuthorizationFailed): "
                        + "The client 'fleet-ci' does not have authorization to perform action "
                        + "'Microsoft.Resources/subscriptions/read'.");
    }

    @Test
    void aDisabledSubscriptionIsRefusedBeforeAnyVmIsTried() {
        subscription("Disabled");

        assertThatThrownBy(account::checkSubscription).isInstanceOf(AzureAccessException.class)
                .hasMessage("Azure subscription " + ArmStub.SUBSCRIPTION + " (Fleet CI) is Disabled: Azure creates no "
                        + "VMs in it");
    }

    @Test
    void noCredentialToSignInWithIsTheUsersToFixAskedOnceAndNeverReachesAzure() {
        AtomicInteger asked = new AtomicInteger();
        AzureAccount signedOut = arm.account((kind, authority) -> request -> Mono.fromSupplier(asked::incrementAndGet)
                .then(Mono.error(new CredentialUnavailableException(
                        "Azure CLI not logged in. Please run 'az login'.\nMore detail."))));

        assertThatThrownBy(signedOut::checkSubscription)
                .isInstanceOfSatisfying(AzureAccessException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.NO_CREDENTIAL))
                .hasMessage("cannot sign in to Azure for subscription " + ArmStub.SUBSCRIPTION + " with "
                        + "azure.credential cli: Azure CLI not logged in. Please run 'az login'.");
        assertThat(asked).hasValue(1);
        assertThat(arm.calls()).isEmpty();
    }

    @Test
    void aCredentialThatIsRefusedIsAFailureNotMissingInput() {
        AzureAccount refused = arm.account((kind, authority) -> request -> Mono.error(
                new ClientAuthenticationException("AADSTS7000215: Invalid client secret provided.", null)));

        assertThatThrownBy(() -> refused.ensureResourceGroup(ArmStub.RG, ArmStub.LOCATION))
                .isInstanceOfSatisfying(AzureAccessException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED))
                .hasMessageContaining("with azure.credential cli: AADSTS7000215: Invalid client secret provided.");
    }

    @Test
    void aResourceGroupThatExistsIsLeftAsItIs() {
        arm.stub(get(urlPathEqualTo(RG_PATH))
                .willReturn(ArmStub.json(200, Fixtures.parse(resourceGroup("northeurope")))));

        assertThat(account.ensureResourceGroup(ArmStub.RG, ArmStub.LOCATION)).isFalse();
        assertThat(arm.calls()).containsExactly("GET " + RG_PATH);
    }

    @Test
    void aMissingResourceGroupIsCreatedWhereAskedAndTaggedAsFleets() {
        arm.stub(get(urlPathEqualTo(RG_PATH)).willReturn(ArmStub.armError(404, "ResourceGroupNotFound",
                "Resource group '" + ArmStub.RG + "' could not be found.")));
        arm.stub(put(urlPathEqualTo(RG_PATH)).willReturn(ArmStub.json(201,
                Fixtures.parse(resourceGroup(ArmStub.LOCATION)))));

        assertThat(account.ensureResourceGroup(ArmStub.RG, ArmStub.LOCATION)).isTrue();

        assertThat(arm.calls()).containsExactly("GET " + RG_PATH, "PUT " + RG_PATH);
        assertThat(arm.body("PUT", RG_PATH)).isEqualTo(Fixtures.parse(
                "{\"location\": \"westeurope\", \"tags\": {\"managed-by\": \"fleet\"}}"));
    }

    @Test
    void aResourceGroupTheIdentityMayNotCreateQuotesAzuresReason() {
        arm.stub(get(urlPathEqualTo(RG_PATH)).willReturn(ArmStub.armError(404, "ResourceGroupNotFound",
                "Resource group '" + ArmStub.RG + "' could not be found.")));
        arm.stub(put(urlPathEqualTo(RG_PATH)).willReturn(ArmStub.armError(403, "AuthorizationFailed", FORBIDDEN)));

        assertThatThrownBy(() -> account.ensureResourceGroup(ArmStub.RG, ArmStub.LOCATION))
                .isInstanceOfSatisfying(AzureAccessException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED))
                .hasMessage("Azure refused creating resource group " + ArmStub.RG + " in westeurope in subscription "
                        + ArmStub.SUBSCRIPTION + " (AuthorizationFailed): " + FORBIDDEN);
    }
}
