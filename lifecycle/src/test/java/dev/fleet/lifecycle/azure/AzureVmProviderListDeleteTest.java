package dev.fleet.lifecycle.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AzureVmProviderListDeleteTest {

    private static final String POOL = "linux";
    private static final String VMS = ArmStub.COMPUTE + "/virtualMachines";
    private static final String NICS = ArmStub.NETWORK + "/networkInterfaces";
    private static final String IPS = ArmStub.NETWORK + "/publicIPAddresses";
    private static final String NSGS = ArmStub.NETWORK + "/networkSecurityGroups";
    private static final String VNETS = ArmStub.NETWORK + "/virtualNetworks";
    private static final Instant CREATED = Instant.parse("2026-11-23T13:00:00Z");

    private final ArmStub arm = new ArmStub();
    private final VmProvider provider = arm.provider(POOL, "gpu");

    @AfterEach
    void stop() {
        arm.close();
    }

    @Test
    void listsOnlyThePoolsTaggedVmsWithStatesFromTheInstanceViewInOneCall() {
        ArrayNode value = Fixtures.strangerVms();
        value.add(Fixtures.vmWithInstanceView("fleet-linux-1", tags(POOL, "fleet-linux-1"), "Succeeded", "running"));
        Map<String, String> scoped = new HashMap<>(tags(POOL, "fleet-linux-2"));
        scoped.put("fleet-scope", "octo/app");
        value.add(Fixtures.vmWithInstanceView("fleet-linux-2", scoped, "Failed", "stopped"));
        value.add(Fixtures.vmWithInstanceView("fleet-gpu-1", tags("gpu", "fleet-gpu-1"), "Succeeded", "running"));
        value.add(Fixtures.vmWithInstanceView("lookalike", Map.of("fleet-pool", POOL), "Succeeded", "running"));
        ObjectNode page = Fixtures.JSON.createObjectNode();
        page.set("value", value);
        arm.stub(get(urlPathEqualTo(VMS)).willReturn(ArmStub.json(200, page)));

        List<VmInfo> vms = provider.list(POOL);

        assertThat(vms).containsExactly(
                new VmInfo("fleet-linux-1", POOL, ArmStub.RG, VmInfo.PowerState.RUNNING,
                        VmInfo.ProvisioningState.SUCCEEDED, CREATED),
                new VmInfo("fleet-linux-2", POOL, ArmStub.RG, VmInfo.PowerState.STOPPED,
                        VmInfo.ProvisioningState.FAILED, CREATED, "octo/app"));
        assertThat(arm.requests()).singleElement().satisfies(request ->
                assertThat(request.queryParameter("$expand").firstValue()).isEqualTo("instanceView"));
    }

    @Test
    void listingAPoolTheConfigDoesNotHaveIsAnError() {
        assertThatThrownBy(() -> provider.list("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
        assertThat(arm.requests()).isEmpty();
    }

    @Test
    void deletesTheVmAndWaitsForTheOperation() {
        stubVm("fleet-linux-1", tags(POOL, "fleet-linux-1"), "Succeeded");
        arm.deleteLongRunning(VMS + "/fleet-linux-1");

        assertThat(provider.delete(vm("fleet-linux-1"))).isEqualTo(new DeleteOutcome.Deleted(false));

        assertThat(arm.calls()).containsExactly("GET " + VMS + "/fleet-linux-1", "DELETE " + VMS + "/fleet-linux-1",
                "GET " + arm.calls().get(2).substring(4));
        assertThat(arm.calls().get(2)).contains("/operations/");
        assertThat(deleteRequest().queryParameter("forceDeletion").firstValue()).isEqualTo("false");
    }

    @Test
    void aDeleteAnsweredWithOnlyALocationIsPolledThereUntilDone() {
        stubVm("fleet-linux-1", tags(POOL, "fleet-linux-1"), "Succeeded");
        String location = arm.deleteLongRunningByLocation(VMS + "/fleet-linux-1");

        assertThat(provider.delete(vm("fleet-linux-1"))).isEqualTo(new DeleteOutcome.Deleted(false));

        // 202 means still running: the provider must not report success before the Location says 204.
        assertThat(arm.calls()).containsExactly("GET " + VMS + "/fleet-linux-1", "DELETE " + VMS + "/fleet-linux-1",
                "GET " + location, "GET " + location);
    }

    @Test
    void aThrottledCallIsRetriedAfterWhatRetryAfterSays() {
        ObjectNode page = Fixtures.JSON.createObjectNode();
        page.set("value", Fixtures.JSON.createArrayNode().add(
                Fixtures.vmWithInstanceView("fleet-linux-1", tags(POOL, "fleet-linux-1"), "Succeeded", "running")));
        arm.throttledOnce(() -> get(urlPathEqualTo(VMS)), "1", ArmStub.json(200, page));
        long start = System.nanoTime();

        List<VmInfo> vms = provider.list(POOL);

        assertThat(vms).extracting(VmInfo::name).containsExactly("fleet-linux-1");
        assertThat(arm.calls()).containsExactly("GET " + VMS, "GET " + VMS);
        // A lower bound only: the retry waited for ARM's word rather than the policy's own shorter first backoff.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void aVmStuckInFailedProvisioningIsForceDeleted() {
        stubVm("fleet-linux-2", tags(POOL, "fleet-linux-2"), "Failed");
        arm.deleteLongRunning(VMS + "/fleet-linux-2");

        // The caller's view is stale on purpose: what counts is the state Azure reports now.
        assertThat(provider.delete(vm("fleet-linux-2"))).isEqualTo(new DeleteOutcome.Deleted(true));

        assertThat(deleteRequest().queryParameter("forceDeletion").firstValue()).isEqualTo("true");
    }

    @Test
    void aMissingVmIsAlreadyDeleted() {
        arm.stub(get(urlPathEqualTo(VMS + "/gone")).willReturn(ArmStub.armError(404, "ResourceNotFound",
                "The Resource 'Microsoft.Compute/virtualMachines/gone' under resource group 'fleet-rg' was not found.")));
        for (String other : List.of(NICS + "/gone-nic", IPS + "/gone-pip")) {
            arm.stub(get(urlPathEqualTo(other)).willReturn(ArmStub.armError(404, "ResourceNotFound", "not found")));
        }

        DeleteOutcome outcome = provider.delete(vm("gone"));

        assertThat(outcome).isEqualTo(new DeleteOutcome.AlreadyGone());
        assertThat(outcome.succeeded()).isTrue();
        assertThat(arm.calls()).containsExactly("GET " + VMS + "/gone", "GET " + NICS + "/gone-nic",
                "GET " + IPS + "/gone-pip");
    }

    @Test
    void aVmThatNeverCameToBeTakesTheNicAndPublicIpMadeForItWithIt() {
        arm.stub(get(urlPathEqualTo(VMS + "/fleet-linux-1")).willReturn(ArmStub.armError(404, "ResourceNotFound",
                "not found")));
        arm.stub(get(urlPathEqualTo(NICS + "/fleet-linux-1-nic")).willReturn(ArmStub.json(200,
                tagged(Fixtures.nic(NICS + "/fleet-linux-1-nic"), "fleet-linux-1-nic", tags(POOL, "fleet-linux-1")))));
        arm.stub(get(urlPathEqualTo(IPS + "/fleet-linux-1-pip")).willReturn(ArmStub.json(200,
                tagged(Fixtures.publicIp(IPS + "/fleet-linux-1-pip", "198.51.100.7"), "fleet-linux-1-pip",
                        tags(POOL, "fleet-linux-1")))));
        arm.deleteLongRunning(NICS + "/fleet-linux-1-nic");
        arm.deleteLongRunning(IPS + "/fleet-linux-1-pip");

        assertThat(provider.delete(vm("fleet-linux-1"))).isEqualTo(new DeleteOutcome.AlreadyGone());

        assertThat(arm.calls()).filteredOn(call -> call.startsWith("DELETE"))
                .containsExactly("DELETE " + NICS + "/fleet-linux-1-nic", "DELETE " + IPS + "/fleet-linux-1-pip");
    }

    @Test
    void aNicAndPublicIpOfTheSameNameButAnotherPoolAreLeftAlone() {
        arm.stub(get(urlPathEqualTo(VMS + "/fleet-linux-1")).willReturn(ArmStub.armError(404, "ResourceNotFound",
                "not found")));
        arm.stub(get(urlPathEqualTo(NICS + "/fleet-linux-1-nic")).willReturn(ArmStub.json(200,
                tagged(Fixtures.nic(NICS + "/fleet-linux-1-nic"), "fleet-linux-1-nic", tags("gpu", "fleet-linux-1")))));
        arm.stub(get(urlPathEqualTo(IPS + "/fleet-linux-1-pip")).willReturn(ArmStub.json(200,
                tagged(Fixtures.publicIp(IPS + "/fleet-linux-1-pip", "198.51.100.7"), "fleet-linux-1-pip", Map.of()))));

        assertThat(provider.delete(vm("fleet-linux-1"))).isEqualTo(new DeleteOutcome.AlreadyGone());

        assertThat(arm.calls()).noneMatch(call -> call.startsWith("DELETE"));
    }

    @Test
    void aVmThatVanishesBetweenReadAndDeleteIsAlreadyDeleted() {
        stubVm("fleet-linux-1", tags(POOL, "fleet-linux-1"), "Succeeded");
        arm.stub(delete(urlPathEqualTo(VMS + "/fleet-linux-1"))
                .willReturn(ArmStub.armError(404, "ResourceGroupNotFound", "Resource group 'fleet-rg' could not be found.")));

        assertThat(provider.delete(vm("fleet-linux-1"))).isEqualTo(new DeleteOutcome.AlreadyGone());
    }

    @Test
    void anUntaggedVmIsNeverDeleted() {
        stubVm("lookalike", Map.of("fleet-pool", POOL), "Succeeded");

        DeleteOutcome outcome = provider.delete(vm("lookalike"));

        assertThat(outcome).isInstanceOfSatisfying(DeleteOutcome.Failed.class,
                failed -> assertThat(failed.code()).isEqualTo("NotManagedByFleet"));
        assertThat(outcome.succeeded()).isFalse();
        assertThat(arm.calls()).noneMatch(call -> call.startsWith("DELETE"));
    }

    @Test
    void azureRefusingTheDeleteIsAFailureWithItsCode() {
        stubVm("fleet-linux-1", tags(POOL, "fleet-linux-1"), "Succeeded");
        arm.stub(delete(urlPathEqualTo(VMS + "/fleet-linux-1"))
                .willReturn(ArmStub.armError(409, "ScopeLocked", "The scope is locked.")));

        assertThat(provider.delete(vm("fleet-linux-1")))
                .isEqualTo(new DeleteOutcome.Failed("ScopeLocked", "The scope is locked."));
    }

    private void stubVm(String name, Map<String, String> tags, String provisioningState) {
        arm.stub(get(urlPathEqualTo(VMS + "/" + name))
                .willReturn(ArmStub.json(200, Fixtures.vm(name, tags, provisioningState))));
    }

    private LoggedRequest deleteRequest() {
        return arm.requests().stream().filter(r -> r.getMethod().getName().equals("DELETE")).findFirst().orElseThrow();
    }

    private static VmInfo vm(String name) {
        return new VmInfo(name, POOL, ArmStub.RG, VmInfo.PowerState.RUNNING, VmInfo.ProvisioningState.SUCCEEDED,
                CREATED);
    }

    private static ObjectNode tagged(ObjectNode resource, String name, Map<String, String> tags) {
        resource.put("name", name);
        resource.set("tags", Fixtures.JSON.valueToTree(tags));
        return resource;
    }

    private static Map<String, String> tags(String pool, String runner) {
        return Map.of("managed-by", "fleet", "fleet-pool", pool, "fleet-runner", runner,
                "fleet-created", CREATED.toString());
    }
    @Test
    void listsEveryPoolsTaggedVmsOfAGroupForTheSweep() {
        ArrayNode value = Fixtures.strangerVms();
        value.add(Fixtures.vmWithInstanceView("fleet-gone-1", tags("gone", "fleet-gone-1"), "Succeeded", "running"));
        value.add(Fixtures.vmWithInstanceView("lookalike", Map.of("fleet-pool", POOL), "Succeeded", "running"));
        ObjectNode page = Fixtures.JSON.createObjectNode();
        page.set("value", value);
        arm.stub(get(urlPathEqualTo(VMS)).willReturn(ArmStub.json(200, page)));

        assertThat(provider.listGroup(ArmStub.RG)).extracting(VmInfo::name, VmInfo::pool)
                .containsExactly(tuple("fleet-gone-1", "gone"));
    }

    @Test
    void listsTheNetworkFleetTaggedWithItsPoolsAndDeletesOneGoneAlreadyAsDeleted() {
        Map<String, String> fleets = Map.of("managed-by", "fleet", "fleet-pool", "gone");
        stubList(NICS, tagged(Fixtures.JSON.createObjectNode(), "fleet-gone-1-nic", fleets),
                tagged(Fixtures.JSON.createObjectNode(), "someones-nic", Map.of("fleet-pool", "gone")));
        stubList(IPS, tagged(Fixtures.JSON.createObjectNode(), "fleet-gone-1-pip", fleets));
        stubList(NSGS, tagged(Fixtures.JSON.createObjectNode(), "fleet-gone-nsg", fleets));
        stubList(VNETS, tagged(Fixtures.JSON.createObjectNode(), "fleet-gone-vnet", fleets),
                tagged(Fixtures.JSON.createObjectNode(), "someones-vnet", Map.of()));
        arm.stub(delete(urlPathEqualTo(NSGS + "/fleet-gone-nsg")).willReturn(ArmStub.json(200,
                Fixtures.JSON.createObjectNode())));
        arm.stub(delete(urlPathEqualTo(VNETS + "/fleet-gone-vnet")).willReturn(ArmStub.armError(404,
                "ResourceNotFound", "not found")));
        arm.stub(delete(urlPathEqualTo(NICS + "/fleet-gone-1-nic")).willReturn(ArmStub.armError(400,
                "NicInUse", "in use")));

        List<FleetResource> network = provider.listNetwork(ArmStub.RG);

        assertThat(network).containsExactly(
                new FleetResource(FleetResource.Kind.NIC, "fleet-gone-1-nic", "gone", ArmStub.RG),
                new FleetResource(FleetResource.Kind.PUBLIC_IP, "fleet-gone-1-pip", "gone", ArmStub.RG),
                new FleetResource(FleetResource.Kind.NSG, "fleet-gone-nsg", "gone", ArmStub.RG),
                new FleetResource(FleetResource.Kind.VNET, "fleet-gone-vnet", "gone", ArmStub.RG));
        assertThat(provider.delete(network.get(2))).isEqualTo(new DeleteOutcome.Deleted(false));
        assertThat(provider.delete(network.get(3))).isEqualTo(new DeleteOutcome.AlreadyGone());
        assertThat(provider.delete(network.get(0))).isInstanceOfSatisfying(DeleteOutcome.Failed.class,
                failed -> assertThat(failed.code()).isEqualTo("NicInUse"));
    }

    private void stubList(String path, ObjectNode... resources) {
        ObjectNode page = Fixtures.JSON.createObjectNode();
        ArrayNode value = page.putArray("value");
        for (ObjectNode resource : resources) {
            value.add(resource.put("id", path + "/" + resource.path("name").asText()));
        }
        arm.stub(get(urlPathEqualTo(path)).willReturn(ArmStub.json(200, page)));
    }
}
