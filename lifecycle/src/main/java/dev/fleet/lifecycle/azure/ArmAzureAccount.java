package dev.fleet.lifecycle.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.management.exception.ManagementException;
import com.azure.identity.CredentialUnavailableException;
import com.azure.resourcemanager.resources.fluent.ResourceGroupsClient;
import com.azure.resourcemanager.resources.fluent.SubscriptionsClient;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import com.azure.resourcemanager.resources.fluent.models.SubscriptionInner;
import com.azure.resourcemanager.resources.models.SubscriptionState;
import dev.fleet.lifecycle.azure.AzureAccessException.Kind;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** {@link AzureAccount} over Azure Resource Manager's subscription and resource group APIs. */
final class ArmAzureAccount implements AzureAccount {

    /** Azure still creates VMs in a subscription that is warned or past due; not in one that is disabled or deleted. */
    private static final Set<SubscriptionState> USABLE =
            Set.of(SubscriptionState.ENABLED, SubscriptionState.WARNED, SubscriptionState.PAST_DUE);

    private final SubscriptionsClient subscriptions;
    private final ResourceGroupsClient resourceGroups;
    private final String subscriptionId;
    private final String credential;

    /** @param credential how fleet signs in, for messages: "azure.credential cli" */
    ArmAzureAccount(SubscriptionsClient subscriptions, ResourceGroupsClient resourceGroups, String subscriptionId,
            String credential) {
        this.subscriptions = subscriptions;
        this.resourceGroups = resourceGroups;
        this.subscriptionId = subscriptionId;
        this.credential = credential;
    }

    @Override
    public Subscription checkSubscription() {
        SubscriptionInner subscription = call("reading subscription " + subscriptionId,
                () -> Arm.ifExists(() -> subscriptions.get(subscriptionId)))
                .orElseThrow(() -> refused("Azure subscription " + subscriptionId + " does not exist or " + credential
                        + " cannot see it: check azure.subscriptionId (or " + AzureVmProviderFactory.SUBSCRIPTION_ENV
                        + ") and the tenant you signed in to", null));
        if (subscription.state() != null && !USABLE.contains(subscription.state())) {
            throw refused("Azure subscription " + subscriptionId + " (" + subscription.displayName() + ") is "
                    + subscription.state() + ": Azure creates no VMs in it", null);
        }
        return new Subscription(subscriptionId, subscription.displayName());
    }

    @Override
    public boolean ensureResourceGroup(String name, String location) {
        String group = "resource group " + name;
        if (call("reading " + group + " of subscription " + subscriptionId,
                () -> Arm.ifExists(() -> resourceGroups.get(name))).isPresent()) {
            return false;
        }
        ResourceGroupInner tagged = new ResourceGroupInner().withLocation(location)
                .withTags(Map.of(FleetTags.MANAGED_BY, FleetTags.FLEET));
        call("creating " + group + " in " + location + " in subscription " + subscriptionId,
                () -> resourceGroups.createOrUpdate(name, tagged));
        return true;
    }

    /** Runs an ARM call; a failed sign-in or a refusal becomes one line naming the subscription and the step. */
    private <T> T call(String step, Supplier<T> call) {
        try {
            return call.get();
        } catch (ClientAuthenticationException e) {
            Kind kind = e instanceof CredentialUnavailableException ? Kind.NO_CREDENTIAL : Kind.REFUSED;
            throw new AzureAccessException(kind, "cannot sign in to Azure for subscription " + subscriptionId
                    + " with " + credential + ": " + firstLine(e.getMessage()), e);
        } catch (ManagementException e) {
            throw refused("Azure refused " + step + " (" + ArmErrors.code(e) + "): " + firstLine(ArmErrors.message(e)),
                    e);
        }
    }

    private static AzureAccessException refused(String message, Throwable cause) {
        return new AzureAccessException(Kind.REFUSED, message, cause);
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }
}
