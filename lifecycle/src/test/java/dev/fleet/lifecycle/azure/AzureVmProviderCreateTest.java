package dev.fleet.lifecycle.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AzureVmProviderCreateTest {

    private static final String POOL = VmRequestBuilder.POOL;
    private static final String VM = "fleet-linux-0001";
    private static final Instant CREATED = VmRequestBuilder.CREATED;
    private static final String NSG = ArmStub.NETWORK + "/networkSecurityGroups/fleet-linux-nsg";
    private static final String VNET = ArmStub.NETWORK + "/virtualNetworks/fleet-linux-vnet";
    private static final String SUBNET = VNET + "/subnets/runners";
    private static final String PIP = ArmStub.NETWORK + "/publicIPAddresses/" + VM + "-pip";
    private static final String NIC = ArmStub.NETWORK + "/networkInterfaces/" + VM + "-nic";
    private static final String VM_PATH = ArmStub.COMPUTE + "/virtualMachines/" + VM;
    private static final Map<String, String> FLEET_TAGS = Map.of(
            "managed-by", "fleet", "fleet-pool", POOL, "fleet-runner", VM, "fleet-created", CREATED.toString(),
            "fleet-scope", "octo/app");

    private static final Map<String, String> FLEET_POOL_TAGS = Map.of("managed-by", "fleet", "fleet-pool", POOL);

    private final ArmStub arm = new ArmStub();
    private final VmProvider provider = arm.provider(POOL);

    @AfterEach
    void stop() {
        arm.close();
    }

    @Test
    void createsNetworkPublicIpNicAndVmInOrderWithFleetsTagsOnEach() {
        stubFreshPool();
        stubMachine();

        VmCreation result = provider.create(request(false, false, List.of("203.0.113.0/24", "198.51.100.7/32")));

        assertThat(result).isInstanceOfSatisfying(VmCreation.Created.class, created -> {
            assertThat(created.sshAddress()).isEqualTo("20.0.0.4");
            assertThat(created.vm().name()).isEqualTo(VM);
            assertThat(created.vm().pool()).isEqualTo(POOL);
            assertThat(created.vm().provisioningState()).isEqualTo(VmInfo.ProvisioningState.SUCCEEDED);
            assertThat(created.vm().created()).isEqualTo(CREATED);
        });
        assertThat(arm.calls()).filteredOn(call -> !call.contains("/operations/")).containsExactly(
                "GET " + NSG, "PUT " + NSG, "GET " + VNET, "PUT " + VNET, "PUT " + SUBNET,
                "PUT " + PIP, "PUT " + NIC, "PUT " + VM_PATH, "GET " + VM_PATH);
        for (String path : List.of(PIP, NIC, VM_PATH)) {
            assertThat(tags(arm.body("PUT", path))).containsAllEntriesOf(FLEET_TAGS).containsEntry("team", "ci");
        }
        for (String path : List.of(NSG, VNET)) {
            assertThat(tags(arm.body("PUT", path))).containsEntry("managed-by", "fleet").containsEntry("fleet-pool", POOL);
        }
    }

    @Test
    void nsgAllowsSshOnlyFromTheConfiguredCidrs() {
        stubFreshPool();
        stubMachine();

        provider.create(request(false, false, List.of("203.0.113.0/24", "198.51.100.7/32")));

        JsonNode rules = arm.body("PUT", NSG).path("properties").path("securityRules");
        assertThat(rules).hasSize(1);
        JsonNode ssh = rules.get(0).path("properties");
        assertThat(ssh.path("sourceAddressPrefixes")).extracting(JsonNode::asText)
                .containsExactly("203.0.113.0/24", "198.51.100.7/32");
        assertThat(ssh.path("sourceAddressPrefix").isMissingNode()).isTrue();
        assertThat(ssh.path("destinationPortRange").asText()).isEqualTo("22");
        assertThat(ssh.path("protocol").asText()).isEqualTo("Tcp");
        assertThat(ssh.path("access").asText()).isEqualTo("Allow");
        assertThat(arm.body("PUT", NIC).path("properties").path("networkSecurityGroup").path("id").asText())
                .isEqualTo(NSG);
    }

    @Test
    void nsgOpensThePoolsSshPort() {
        stubFreshPool();
        stubMachine();

        provider.create(request(false, false, 2222, List.of("203.0.113.0/24")));

        arm.verify(putRequestedFor(urlPathEqualTo(NSG)).withRequestBody(matchingJsonPath(
                "$.properties.securityRules[?(@.name == 'fleet-ssh')].properties[?(@.destinationPortRange == '2222')]")));
    }

    @Test
    void anExistingNsgOpeningAnotherPortIsRewrittenToThePoolsSshPort() {
        stubExistingPool(List.of("203.0.113.0/24"), FLEET_POOL_TAGS);
        arm.stub(put(urlPathEqualTo(NSG)).willReturn(ArmStub.json(200, Fixtures.poolNsg(NSG,
                List.of("203.0.113.0/24"), FLEET_POOL_TAGS))));
        stubMachine();

        provider.create(request(false, false, 2222, List.of("203.0.113.0/24")));

        JsonNode ssh = arm.body("PUT", NSG).path("properties").path("securityRules").get(0).path("properties");
        assertThat(ssh.path("destinationPortRange").asText()).isEqualTo("2222");
        assertThat(ssh.path("sourceAddressPrefixes")).extracting(JsonNode::asText).containsExactly("203.0.113.0/24");
    }

    @Test
    void vmCarriesTheKeyCustomDataAndDeletesWhatItOwns() {
        stubFreshPool();
        stubMachine();

        provider.create(request(false, false, List.of("203.0.113.0/24")));

        JsonNode vm = arm.body("PUT", VM_PATH).path("properties");
        JsonNode linux = vm.path("osProfile").path("linuxConfiguration");
        assertThat(linux.path("disablePasswordAuthentication").asBoolean()).isTrue();
        assertThat(linux.path("ssh").path("publicKeys").get(0).path("keyData").asText()).isEqualTo(VmRequestBuilder.KEY);
        assertThat(linux.path("ssh").path("publicKeys").get(0).path("path").asText())
                .isEqualTo("/home/fleet/.ssh/authorized_keys");
        assertThat(vm.path("osProfile").path("customData").asText()).isEqualTo(VmRequestBuilder.CLOUD_INIT);
        assertThat(vm.path("osProfile").has("adminPassword")).isFalse();
        assertThat(vm.path("storageProfile").path("osDisk").path("deleteOption").asText()).isEqualTo("Delete");
        assertThat(vm.path("storageProfile").path("imageReference").path("offer").asText())
                .isEqualTo("ubuntu-24_04-lts");
        JsonNode nic = vm.path("networkProfile").path("networkInterfaces").get(0);
        assertThat(nic.path("id").asText()).isEqualTo(NIC);
        assertThat(nic.path("properties").path("deleteOption").asText()).isEqualTo("Delete");
        assertThat(arm.body("PUT", PIP).path("properties").path("deleteOption").asText()).isEqualTo("Delete");
        assertThat(arm.body("PUT", NIC).path("properties").path("ipConfigurations").get(0).path("properties")
                .path("publicIPAddress").path("id").asText()).isEqualTo(PIP);
        assertThat(vm.has("priority")).isFalse();
    }

    /** Its serial console is what {@code GET /api/v1/runners/{name}/logs} reads; managed: no storage account. */
    @Test
    void vmHasManagedBootDiagnosticsOn() {
        stubFreshPool();
        stubMachine();

        provider.create(request(false, false, List.of("203.0.113.0/24")));

        JsonNode boot = arm.body("PUT", VM_PATH).path("properties").path("diagnosticsProfile").path("bootDiagnostics");
        assertThat(boot.path("enabled").asBoolean()).isTrue();
        assertThat(boot.has("storageUri")).isFalse();
    }

    @Test
    void spotVmIsEvictedByDeletionAndCappedAtTheGivenPrice() {
        stubFreshPool();
        stubMachine();

        provider.create(request(true, false, List.of("203.0.113.0/24")));

        JsonNode vm = arm.body("PUT", VM_PATH).path("properties");
        assertThat(vm.path("priority").asText()).isEqualTo("Spot");
        assertThat(vm.path("evictionPolicy").asText()).isEqualTo("Delete");
        assertThat(vm.path("billingProfile").path("maxPrice").asDouble()).isEqualTo(-1);
    }

    @Test
    void privateVmGetsNoPublicIpAndSshFromItsVnetWhenNoCidrsAreSet() {
        stubFreshPool();
        stubMachine();

        VmCreation result = provider.create(request(false, true, List.of()));

        assertThat(arm.calls()).noneMatch(call -> call.contains("publicIPAddresses"));
        assertThat(arm.body("PUT", NIC).path("properties").path("ipConfigurations").get(0).path("properties")
                .has("publicIPAddress")).isFalse();
        assertThat(arm.body("PUT", NSG).path("properties").path("securityRules").get(0).path("properties")
                .path("sourceAddressPrefixes")).extracting(JsonNode::asText).containsExactly("VirtualNetwork");
        assertThat(result).isInstanceOfSatisfying(VmCreation.Created.class,
                created -> assertThat(created.sshAddress()).isEqualTo("172.20.2.4"));
    }

    @Test
    void ephemeralOsDiskLivesOnTheHostWithReadOnlyCaching() {
        stubFreshPool();
        stubMachine();

        provider.create(runnerVm().ephemeralOsDisk().build());

        JsonNode osDisk = arm.body("PUT", VM_PATH).path("properties").path("storageProfile").path("osDisk");
        assertThat(osDisk.path("diffDiskSettings").path("option").asText()).isEqualTo("Local");
        assertThat(osDisk.path("caching").asText()).isEqualTo("ReadOnly");
        assertThat(osDisk.has("managedDisk")).isFalse();
    }

    @Test
    void quotaRefusalIsTypedAndLeavesNoNicOrPublicIpBehind() {
        stubFreshPool();
        stubMachine();
        arm.stub(put(urlPathEqualTo(VM_PATH)).willReturn(ArmStub.armError(409, "OperationNotAllowed",
                "Operation could not be completed as it results in exceeding approved standardDSv5Family Cores quota.")));
        arm.stub(get(urlPathEqualTo(VM_PATH)).willReturn(ArmStub.armError(404, "ResourceNotFound", "not found")));

        VmCreation result = provider.create(request(false, false, List.of("203.0.113.0/24")));

        assertThat(result).isEqualTo(new VmCreation.Failed(VmCreation.Category.QUOTA_EXCEEDED, "OperationNotAllowed",
                "Operation could not be completed as it results in exceeding approved standardDSv5Family Cores quota."));
        assertThat(arm.calls()).endsWith("PUT " + VM_PATH, "GET " + VM_PATH, "GET " + NIC, "DELETE " + NIC, "GET " + PIP,
                "DELETE " + PIP);
    }

    @Test
    void aFailedCreateDeletesOnlyANicAndPublicIpTaggedAsThisVmsOfThisPool() {
        stubFreshPool();
        stubMachine();
        arm.stub(put(urlPathEqualTo(VM_PATH)).willReturn(ArmStub.armError(409, "OperationNotAllowed", "quota")));
        arm.stub(get(urlPathEqualTo(VM_PATH)).willReturn(ArmStub.armError(404, "ResourceNotFound", "not found")));
        // Same names, not this VM's: someone's untagged NIC, and a public IP of another pool's runner.
        arm.stub(get(urlPathEqualTo(NIC)).willReturn(ArmStub.json(200, Fixtures.nic(NIC))));
        ObjectNode otherPools = Fixtures.publicIp(PIP, "20.0.0.4");
        otherPools.set("tags", Fixtures.JSON.valueToTree(Map.of("managed-by", "fleet", "fleet-pool", "gpu",
                "fleet-runner", VM)));
        arm.stub(get(urlPathEqualTo(PIP)).willReturn(ArmStub.json(200, otherPools)));

        assertThat(provider.create(request(false, false, List.of("203.0.113.0/24"))))
                .isInstanceOf(VmCreation.Failed.class);

        assertThat(arm.calls()).endsWith("PUT " + VM_PATH, "GET " + VM_PATH, "GET " + NIC, "GET " + PIP)
                .noneMatch(call -> call.startsWith("DELETE"));
    }

    @Test
    void aFailedCreateNeverCleansUpAnEarlierVmOfTheSameName() {
        stubFreshPool();
        stubMachine();
        Map<String, String> earlier = new HashMap<>(FLEET_TAGS);
        earlier.put("fleet-created", "2026-11-22T09:00:00Z");
        arm.stub(get(urlPathEqualTo(VM_PATH)).willReturn(ArmStub.json(200, Fixtures.vm(VM, earlier, "Succeeded"))));
        arm.stub(put(urlPathEqualTo(VM_PATH)).willReturn(ArmStub.armError(409, "PropertyChangeNotAllowed",
                "Changing property 'osDisk.name' is not allowed.")));

        assertThat(provider.create(request(false, false, List.of("203.0.113.0/24"))))
                .isInstanceOf(VmCreation.Failed.class);
        assertThat(arm.calls()).noneMatch(call -> call.startsWith("DELETE"));
    }

    @Test
    void quotaExceededCodeIsQuota() {
        stubFreshPool();
        stubMachine();
        arm.stub(put(urlPathEqualTo(PIP)).willReturn(ArmStub.armError(409, "QuotaExceeded", "public IP quota")));

        assertThat(provider.create(request(false, false, List.of("203.0.113.0/24"))))
                .isEqualTo(new VmCreation.Failed(VmCreation.Category.QUOTA_EXCEEDED, "QuotaExceeded", "public IP quota"));
        assertThat(arm.calls()).doesNotContain("PUT " + VM_PATH);
    }

    @Test
    void unavailableSizeIsTyped() {
        stubFreshPool();
        stubMachine();
        arm.stub(put(urlPathEqualTo(VM_PATH)).willReturn(ArmStub.armError(409, "SkuNotAvailable",
                "The requested VM size Standard_D2s_v5 is currently not available in location westeurope.")));

        assertThat(provider.create(request(true, false, List.of("203.0.113.0/24"))))
                .isEqualTo(new VmCreation.Failed(VmCreation.Category.SKU_NOT_AVAILABLE, "SkuNotAvailable",
                        "The requested VM size Standard_D2s_v5 is currently not available in location westeurope."));
    }

    @Test
    void spotAllocationFailureReportedByTheOperationIsSpotCapacity() {
        stubFreshPool();
        stubMachine();
        arm.putLongRunningFailing(VM_PATH, Fixtures.vm(VM, FLEET_TAGS, "Creating"), "AllocationFailed",
                "Allocation failed. We do not have sufficient capacity for the requested VM size in this region.");

        VmCreation result = provider.create(request(true, false, List.of("203.0.113.0/24")));

        assertThat(result).isEqualTo(new VmCreation.Failed(VmCreation.Category.SPOT_CAPACITY, "AllocationFailed",
                "Allocation failed. We do not have sufficient capacity for the requested VM size in this region."));
        assertThat(arm.calls()).endsWith("GET " + VM_PATH, "DELETE " + VM_PATH, "GET " + NIC, "DELETE " + NIC,
                "GET " + PIP, "DELETE " + PIP);
        assertThat(arm.requests()).filteredOn(r -> r.getMethod().getName().equals("DELETE")
                && r.getUrl().startsWith(VM_PATH)).singleElement()
                .satisfies(r -> assertThat(r.queryParameter("forceDeletion").firstValue()).isEqualTo("true"));
    }

    @Test
    void existingPoolNetworkIsReusedWithoutWrites() {
        stubExistingPool(List.of("203.0.113.0/24"), FLEET_POOL_TAGS);
        stubMachine();

        provider.create(request(false, false, List.of("203.0.113.0/24")));

        assertThat(arm.calls()).filteredOn(call -> !call.contains("/operations/")).containsExactly(
                "GET " + NSG, "GET " + VNET, "GET " + SUBNET, "PUT " + PIP, "PUT " + NIC, "PUT " + VM_PATH,
                "GET " + VM_PATH);
    }

    @Test
    void aPoolsNetworkIsCheckedOnceAProcessUntilItsSettingsChangeOrACreateFails() {
        stubExistingPool(List.of("203.0.113.0/24"), FLEET_POOL_TAGS);
        stubMachine();
        List<String> networkReads = List.of("GET " + NSG, "GET " + VNET, "GET " + SUBNET);

        provider.create(request(false, false, List.of("203.0.113.0/24")));
        provider.create(request(false, false, List.of("203.0.113.0/24")));
        assertThat(arm.calls()).filteredOn(networkReads::contains).hasSize(3);

        // Other SSH sources: the NSG must be checked (and would be rewritten) again.
        arm.stub(put(urlPathEqualTo(NSG)).willReturn(ArmStub.json(200, Fixtures.poolNsg(NSG,
                List.of("198.51.100.0/24"), FLEET_POOL_TAGS))));
        provider.create(request(false, false, List.of("198.51.100.0/24")));
        assertThat(arm.calls()).filteredOn(networkReads::contains).hasSize(6);

        // A failed create may mean the network changed under fleet: the next create checks it again.
        arm.stub(put(urlPathEqualTo(VM_PATH)).willReturn(ArmStub.armError(409, "OperationNotAllowed", "quota")));
        arm.stub(get(urlPathEqualTo(VM_PATH)).willReturn(ArmStub.armError(404, "ResourceNotFound", "not found")));
        provider.create(request(false, false, List.of("198.51.100.0/24")));
        provider.create(request(false, false, List.of("198.51.100.0/24")));
        assertThat(arm.calls()).filteredOn(networkReads::contains).hasSize(9);
    }

    @Test
    void nsgIsRewrittenWhenTheConfiguredCidrsChanged() {
        stubExistingPool(List.of("192.0.2.0/24"), FLEET_POOL_TAGS);
        ObjectNode nsg = Fixtures.response("NetworkSecurityGroupCreate", "200");
        nsg.put("id", NSG);
        arm.stub(put(urlPathEqualTo(NSG)).willReturn(ArmStub.json(200, nsg)));
        stubMachine();

        provider.create(request(false, false, List.of("203.0.113.0/24")));

        assertThat(arm.body("PUT", NSG).path("properties").path("securityRules").get(0).path("properties")
                .path("sourceAddressPrefixes")).extracting(JsonNode::asText).containsExactly("203.0.113.0/24");
    }

    @Test
    void anUntaggedNetworkOfTheSameNameIsLeftAlone() {
        stubExistingPool(List.of("203.0.113.0/24"), Map.of());
        stubMachine();

        VmCreation result = provider.create(request(false, false, List.of("203.0.113.0/24")));

        assertThat(result).isInstanceOfSatisfying(VmCreation.Failed.class, failed -> {
            assertThat(failed.category()).isEqualTo(VmCreation.Category.OTHER);
            assertThat(failed.code()).isEqualTo("NotManagedByFleet");
            assertThat(failed.message()).contains("fleet-linux-nsg");
        });
        assertThat(arm.calls()).containsExactly("GET " + NSG);
    }

    private VmRequest request(boolean spot, boolean privateOnly, List<String> cidrs) {
        return request(spot, privateOnly, 22, cidrs);
    }

    private VmRequest request(boolean spot, boolean privateOnly, int sshPort, List<String> cidrs) {
        return runnerVm().spot(spot).privateIpOnly(privateOnly).sshPort(sshPort).sshAllowedCidrs(cidrs)
                .extraTags(Map.of("team", "ci", "managed-by", "someone-else")).build();
    }

    private static VmRequestBuilder runnerVm() {
        return new VmRequestBuilder(VM);
    }

    private static Map<String, String> tags(JsonNode body) {
        return Fixtures.JSON.convertValue(body.path("tags"), Fixtures.JSON.getTypeFactory()
                .constructMapType(Map.class, String.class, String.class));
    }

    private void stubFreshPool() {
        arm.stub(get(urlPathEqualTo(NSG)).willReturn(ArmStub.armError(404, "ResourceNotFound", "not found")));
        ObjectNode nsg = Fixtures.response("NetworkSecurityGroupCreate", "201");
        nsg.put("id", NSG).put("name", "fleet-linux-nsg");
        arm.stub(put(urlPathEqualTo(NSG)).willReturn(ArmStub.json(201, nsg)));
        arm.stub(get(urlPathEqualTo(VNET)).willReturn(ArmStub.armError(404, "ResourceNotFound", "not found")));
        arm.stub(put(urlPathEqualTo(VNET)).willReturn(ArmStub.json(201, Fixtures.parse(
                "{\"id\":\"" + VNET + "\",\"name\":\"fleet-linux-vnet\",\"location\":\"westeurope\","
                        + "\"properties\":{\"provisioningState\":\"Succeeded\","
                        + "\"addressSpace\":{\"addressPrefixes\":[\"10.100.0.0/16\"]}}}"))));
        arm.stub(put(urlPathEqualTo(SUBNET)).willReturn(ArmStub.json(201, Fixtures.parse(
                "{\"id\":\"" + SUBNET + "\",\"name\":\"runners\","
                        + "\"properties\":{\"provisioningState\":\"Succeeded\",\"addressPrefix\":\"10.100.0.0/20\"}}"))));
    }

    private void stubExistingPool(List<String> sshSources, Map<String, String> tags) {
        arm.stub(get(urlPathEqualTo(NSG)).willReturn(ArmStub.json(200, Fixtures.poolNsg(NSG, sshSources, tags))));
        arm.stub(get(urlPathEqualTo(VNET)).willReturn(ArmStub.json(200, Fixtures.poolVnet(VNET, tags))));
        arm.stub(get(urlPathEqualTo(SUBNET)).willReturn(ArmStub.json(200, Fixtures.subnet(SUBNET))));
    }

    private void stubMachine() {
        arm.stub(put(urlPathEqualTo(PIP)).willReturn(ArmStub.json(201, Fixtures.publicIp(PIP, "20.0.0.4"))));
        arm.stub(put(urlPathEqualTo(NIC)).willReturn(ArmStub.json(201, Fixtures.nic(NIC))));
        arm.putLongRunning(VM_PATH, Fixtures.vm(VM, FLEET_TAGS, "Creating"), Fixtures.vm(VM, FLEET_TAGS, "Succeeded"));
        for (String path : List.of(VM_PATH, NIC, PIP)) {
            arm.stub(delete(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204)));
        }
        // What a failed create reads back before it deletes: the NIC and IP it made, with its tags.
        ObjectNode nic = Fixtures.nic(NIC);
        nic.set("tags", Fixtures.JSON.valueToTree(FLEET_TAGS));
        arm.stub(get(urlPathEqualTo(NIC)).willReturn(ArmStub.json(200, nic)));
        ObjectNode pip = Fixtures.publicIp(PIP, "20.0.0.4");
        pip.set("tags", Fixtures.JSON.valueToTree(FLEET_TAGS));
        arm.stub(get(urlPathEqualTo(PIP)).willReturn(ArmStub.json(200, pip)));
    }
}
