package dev.fleet.it.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.lifecycle.azure.VmInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Azure Resource Manager for one subscription on loopback HTTPS, with state: what fleet's AzureVmProvider and its
 * preflight ask of ARM (subscription, resource groups, a pool's NSG, VNet and subnet, each VM's public IP, NIC and the
 * VM, the VM list with instance views) answered from resources kept in memory, tags exactly as sent. A VM that is
 * created boots a {@link FakeVm}: an sshd on a loopback address of its own, reachable through its public IP.
 *
 * <p>VM creates and deletes are long-running operations, as ARM runs them: 201 or 202 with
 * {@code Azure-AsyncOperation} and {@code Retry-After: 1} (the SDK would otherwise wait 30 s between polls, and a
 * subprocess cannot be told otherwise). Network resources are answered at once with {@code provisioningState:
 * Succeeded}, which ARM allows and the SDK takes as a finished operation.
 */
public final class FakeArm implements AutoCloseable {
    private static final String VMS = "microsoft.compute/virtualmachines";
    private static final String OPERATIONS = "microsoft.compute/locations/operations";
    private static final int POLL_SECONDS = 1;
    private static final Duration AWAIT_LIMIT = Duration.ofMinutes(2);

    /** A VM as ARM lists it. {@code address} is where its sshd listens or listened; null for one {@link #addVm} added. */
    public record Vm(String name, Map<String, String> tags, VmInfo.PowerState power, String provisioningState,
                     Instant created, String address) {
    }

    /** One VM and, while it runs, its machine. */
    private static final class VmState {
        final ObjectNode body;
        VmInfo.PowerState power;
        FakeVm machine;
        /** The PUT that created it, if fleet did: ARM takes the same PUT again as a no-op update. */
        JsonNode created;

        VmState(ObjectNode body, VmInfo.PowerState power) {
            this.body = body;
            this.power = power;
        }

        String provisioningState() {
            return body.path("properties").path("provisioningState").asText();
        }
    }

    private final String subscription;
    private final String resourceGroup;
    private final String location;
    private final String token;
    private final int sshPort;
    private final Path machines;
    private final Consumer<String> vmDown;
    private final StatefulWireMock server;
    private final Map<String, ObjectNode> resourceGroups = new LinkedHashMap<>();
    private final ArmNetwork network = new ArmNetwork(this::vmUsing);
    private final Map<String, VmState> vms = new LinkedHashMap<>();
    private final Map<String, ObjectNode> operations = new LinkedHashMap<>();
    private final Deque<ObjectNode> createFailures = new ArrayDeque<>();
    private int throttles;
    private int retryAfterSeconds;
    private int vmCreates;
    /** While set, VM creates stay in progress; the statuses of those held so far, released together. */
    private boolean holdingCreates;
    private final List<ObjectNode> heldCreates = new ArrayList<>();

    /**
     * @param resourceGroup the group {@link #addVm} puts VMs in; created by fleet's preflight or {@link #addResourceGroup}
     * @param token         the bearer token every request must carry (what the fake {@code az} prints)
     * @param sshPort       the port every VM's sshd listens on, each on its own address
     * @param machines      where the VMs' sandboxes go
     * @param vmDown        told the name of each VM that stops or goes, whose runner then loses its connection
     */
    FakeArm(TestCertificate certificate, String subscription, String resourceGroup, String location, String token,
            int sshPort, Path machines, Consumer<String> vmDown) {
        this.subscription = subscription;
        this.resourceGroup = resourceGroup;
        this.location = location;
        this.token = token;
        this.sshPort = sshPort;
        this.machines = machines;
        this.vmDown = vmDown;
        this.server = StatefulWireMock.https(certificate, this::answer);
        server.tap().refusals(status -> ArmError.answer(status, status == 429 ? "TooManyRequests" : "InternalError",
                "fault injected by the test: " + status));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** "METHOD path" of every write request fleet sent, oldest first. */
    public List<String> writeRequests() {
        return server.writeRequests();
    }

    /** Every request fleet sent here, and the faults and holds a test puts in their way. */
    public RequestTap tap() {
        return server.tap();
    }

    public synchronized void addResourceGroup(String name) {
        resourceGroups.put(ArmPath.key(name), resourceGroup(name, location, Map.of()));
    }

    public synchronized List<String> resourceGroups() {
        return resourceGroups.values().stream().map(group -> group.path("name").asText()).toList();
    }

    /** Every VM of the subscription, by name. */
    public synchronized List<Vm> vms() {
        return vms.values().stream().map(FakeArm::view).sorted(Comparator.comparing(Vm::name)).toList();
    }

    /** The running machine of a VM that fleet created, to look at what its install did. */
    public synchronized Optional<FakeVm> machine(String vm) {
        return find(vm).map(state -> state.machine);
    }

    /** Names of the network interfaces that exist, e.g. to find one a deleted VM left behind. */
    public synchronized List<String> networkInterfaces() {
        return network.names(ArmNetwork.NICS);
    }

    public synchronized List<String> publicIps() {
        return network.names(ArmNetwork.PUBLIC_IPS);
    }

    /** Names of the NSGs and VNets that exist, each pool's pair. */
    public synchronized List<String> poolNetworks() {
        return Stream.concat(network.names(ArmNetwork.NSGS).stream(), network.names(ArmNetwork.VNETS).stream())
                .sorted().toList();
    }

    /** The VM's {@code fleet-created} tag says it was made at {@code created}, e.g. past a grace. */
    public synchronized void backdate(String vm, Instant created) {
        ((ObjectNode) require(vm).body.path("tags")).put("fleet-created", created.toString());
    }

    /** The VM stops, as after {@code shutdown -h now} in the guest: Azure shows it stopped, still allocated. */
    public synchronized void powerOff(String vm) {
        setPower(vm, VmInfo.PowerState.STOPPED);
    }

    public synchronized void deallocate(String vm) {
        setPower(vm, VmInfo.PowerState.DEALLOCATED);
    }

    /** Azure takes back a Spot VM with eviction policy Delete: it is gone with what it owned, its runner offline. */
    public synchronized void evict(String vm) {
        remove(require(vm));
    }

    /**
     * A VM fleet did not create in this run: an orphan of an earlier one (give it {@link #fleetTags}), or someone
     * else's VM in the same resource group (no tags). It has no machine behind it.
     */
    public synchronized void addVm(String name, Map<String, String> tags, Instant created, VmInfo.PowerState power) {
        if (find(name).isPresent()) {
            throw new IllegalArgumentException("VM " + name + " exists already");
        }
        resourceGroups.computeIfAbsent(ArmPath.key(resourceGroup), key -> resourceGroup(resourceGroup, location, Map.of()));
        ArmPath path = ArmPath.parse("/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Compute/virtualMachines/" + name);
        ObjectNode body = Fixtures.object().put("location", location);
        body.set("tags", Fixtures.JSON.valueToTree(tags));
        body.putObject("properties").putObject("storageProfile").putArray("dataDisks");
        vms.put(ArmPath.key(path.id()), new VmState(vmBody(body, path, "Succeeded", created), power));
    }

    /** A running VM tagged as fleet tags a VM of {@code pool}, with no machine: one an earlier fleet run left. */
    public void addFleetVm(String pool, String name, Instant created) {
        addVm(name, fleetTags(pool, name, created), created, VmInfo.PowerState.RUNNING);
    }

    /** The tags fleet gives a VM of {@code pool}: how a test makes an orphan that fleet will recognise. */
    public static Map<String, String> fleetTags(String pool, String vm, Instant created) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("managed-by", "fleet");
        tags.put("fleet-pool", pool);
        tags.put("fleet-runner", vm);
        tags.put("fleet-created", created.toString());
        return tags;
    }

    /**
     * The next VM create is accepted and then fails in its long-running operation with this error, as ARM reports
     * quota and allocation failures; the VM is left in provisioning state Failed.
     */
    public synchronized void failNextVmCreate(String code, String message) {
        createFailures.add(ArmError.body(code, message));
    }

    /**
     * VM creates from now on are accepted and then stay in progress, as a slow allocation does, until
     * {@link #releaseVmCreates}: the process provisioning them holds its pool for as long as a test needs.
     */
    public synchronized void holdVmCreates() {
        holdingCreates = true;
    }

    /** The VM creates held so far succeed, and new ones are no longer held. */
    public synchronized void releaseVmCreates() {
        holdingCreates = false;
        heldCreates.forEach(status -> status.put("status", "Succeeded"));
        heldCreates.clear();
    }

    /** The next {@code count} requests are refused with 429 and {@code Retry-After}, as ARM throttles. */
    public synchronized void throttleNext(int count, int retryAfterSeconds) {
        this.throttles = count;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Waits until ARM has accepted {@code count} VM creates in all, e.g. to stop fleet in the middle of provisioning. */
    public synchronized void awaitVmCreates(int count) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT_LIMIT.toNanos();
        while (vmCreates < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("ARM saw " + vmCreates + " VM creates, not " + count);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * The runner on {@code vm} exited after its one job: systemd runs the unit's stop hook, which powers the VM off.
     * A VM without a machine, or whose install wrote no such hook, keeps running.
     */
    synchronized void runnerExited(String vm) throws IOException, InterruptedException {
        VmState state = find(vm).orElse(null);
        if (state != null && state.machine != null && state.machine.sandbox().stopUnit()) {
            setPower(vm, VmInfo.PowerState.STOPPED);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        for (VmState vm : vms.values()) {
            stopMachine(vm);
        }
        server.close();
    }

    private synchronized HttpAnswer answer(FakeRequest request) {
        if (!("Bearer " + token).equals(request.header().apply("Authorization"))) {
            return ArmError.answer(401, "AuthenticationFailed", "Authentication failed: no valid bearer token.");
        }
        if (!request.query().containsKey("api-version")) {
            return ArmError.answer(400, "MissingApiVersionParameter", "The api-version query parameter is required.");
        }
        if (throttles > 0) {
            throttles--;
            return ArmError.answer(429, "TooManyRequests", "The request is being throttled.")
                    .withHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
        ArmPath path = ArmPath.parse(request.path());
        if (!path.subscription().equalsIgnoreCase(subscription)) {
            return ArmError.answer(404, "SubscriptionNotFound", "The subscription '" + path.subscription()
                    + "' could not be found.");
        }
        if (path.kind().equals(ArmPath.SUBSCRIPTION) && request.method().equals("GET")) {
            return HttpAnswer.json(200, subscriptionBody());
        }
        if (path.kind().equals(OPERATIONS) && request.method().equals("GET")) {
            ObjectNode operation = operations.get(path.name());
            // ARM tells a poller of an operation still running when to ask again; the SDK's own default is 30 s.
            return operation == null
                    ? ArmError.notFound(path)
                    : HttpAnswer.json(200, operation).withHeader("Retry-After", String.valueOf(POLL_SECONDS));
        }
        if (path.kind().equals(ArmPath.RESOURCE_GROUP)) {
            return resourceGroupCall(request, path);
        }
        if (path.resourceGroup() == null || !resourceGroups.containsKey(ArmPath.key(path.resourceGroup()))) {
            return ArmError.answer(404, "ResourceGroupNotFound", "Resource group '" + path.resourceGroup()
                    + "' could not be found.");
        }
        if (path.kind().equals(VMS)) {
            return vmCall(request, path);
        }
        if (network.handles(path)) {
            return network.answer(request, path);
        }
        return ArmError.answer(400, "NotSupportedByFakeArm", "the fake ARM does not know " + request);
    }

    private HttpAnswer resourceGroupCall(FakeRequest request, ArmPath path) {
        ObjectNode group = resourceGroups.get(ArmPath.key(path.resourceGroup()));
        switch (request.method()) {
            case "HEAD":
                return HttpAnswer.empty(group == null ? 404 : 204);
            case "GET":
                return group == null
                        ? ArmError.answer(404, "ResourceGroupNotFound", "Resource group '" + path.resourceGroup()
                                + "' could not be found.")
                        : HttpAnswer.json(200, group);
            case "PUT":
                JsonNode body = Fixtures.parse(request.body());
                ObjectNode created = resourceGroup(path.resourceGroup(), body.path("location").asText(location),
                        Fixtures.JSON.convertValue(body.path("tags"), Map.class));
                resourceGroups.put(ArmPath.key(path.resourceGroup()), created);
                return HttpAnswer.json(group == null ? 201 : 200, created);
            default:
                return ArmError.answer(405, "MethodNotAllowed", request.toString());
        }
    }

    private HttpAnswer vmCall(FakeRequest request, ArmPath path) {
        boolean instanceView = "instanceView".equalsIgnoreCase(request.query().get("$expand"));
        if (path.collection() && request.method().equals("GET")) {
            ArrayNode list = Fixtures.JSON.createArrayNode();
            vms.values().stream()
                    .filter(vm -> vm.body.path("id").asText().toLowerCase(Locale.ROOT)
                            .startsWith(ArmPath.key(groupId(path)) + "/"))
                    .sorted(Comparator.comparing(vm -> vm.body.path("name").asText()))
                    .forEach(vm -> list.add(render(vm, instanceView)));
            ObjectNode page = Fixtures.object();
            page.set("value", list);
            return HttpAnswer.json(200, page);
        }
        VmState vm = vms.get(ArmPath.key(path.id()));
        switch (request.method()) {
            case "GET":
                return vm == null ? ArmError.notFound(path) : HttpAnswer.json(200, render(vm, instanceView));
            case "PUT":
                if (vm == null) {
                    return createVm(path, (ObjectNode) Fixtures.parse(request.body()), request.query().get("api-version"));
                }
                // A client that lost the answer to its create sends it again, and ARM answers with the VM as it is.
                return Fixtures.parse(request.body()).equals(vm.created)
                        ? operation(200, render(vm, false), succeeded(), request.query().get("api-version"))
                        : ArmError.answer(409, "PropertyChangeNotAllowed", "Changing property 'osProfile' is not allowed.");
            case "DELETE":
                if (vm == null) {
                    return HttpAnswer.empty(204);
                }
                remove(vm);
                return operation(202, null, succeeded(), request.query().get("api-version"));
            default:
                return ArmError.answer(405, "MethodNotAllowed", request.toString());
        }
    }

    private HttpAnswer createVm(ArmPath path, ObjectNode body, String apiVersion) {
        JsonNode sent = body.deepCopy();
        ObjectNode properties = (ObjectNode) body.path("properties");
        Optional<String> address = network.addressOf(properties.path("networkProfile").path("networkInterfaces")
                .path(0).path("id").asText());
        if (address.isEmpty()) {
            return ArmError.answer(400, "InvalidResourceReference", "VM " + path.name() + " names no existing NIC.");
        }
        JsonNode osProfile = properties.path("osProfile");
        String customData = osProfile.path("customData").asText();
        SecretLedger.track("VM custom data (holds its host key)", customData);
        CloudInitKeys.hostKeyLines(customData).forEach(line -> SecretLedger.track("VM host private key", line));
        // ARM never returns custom data, and this one holds the VM's host private key.
        ((ObjectNode) osProfile).remove("customData");
        VmState vm = new VmState(vmBody(body, path, "Creating", Instant.now()), VmInfo.PowerState.RUNNING);
        vm.created = sent;
        vms.put(ArmPath.key(path.id()), vm);
        ObjectNode accepted = render(vm, false);
        vmCreates++;
        notifyAll();
        ObjectNode failure = createFailures.poll();
        if (failure != null) {
            properties.put("provisioningState", "Failed");
            vm.power = VmInfo.PowerState.UNKNOWN;
            return operation(201, accepted, failed(failure), apiVersion);
        }
        try {
            vm.machine = FakeVm.boot(path.name(), address.get(), sshPort, osProfile.path("adminUsername").asText(),
                    CloudInitKeys.publicKey(osProfile.path("linuxConfiguration").path("ssh").path("publicKeys").path(0)
                            .path("keyData").asText()),
                    CloudInitKeys.hostKey(customData), new VmSandbox(machines.resolve(path.name())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.put("provisioningState", "Succeeded");
        if (holdingCreates) {
            ObjectNode inProgress = Fixtures.object().put("status", "InProgress");
            heldCreates.add(inProgress);
            return operation(201, accepted, inProgress, apiVersion);
        }
        return operation(201, accepted, succeeded(), apiVersion);
    }

    /** Removes a VM and, as their delete options say, its NICs and their public IPs; stops its machine. */
    private void remove(VmState vm) {
        vms.remove(ArmPath.key(vm.body.path("id").asText()));
        stopMachine(vm);
        network.removeWith(vm.body);
        vmDown.accept(vm.body.path("name").asText());
    }

    /** The VM whose network profile names this NIC. */
    private Optional<String> vmUsing(String nicId) {
        return vms.values().stream()
                .filter(vm -> vm.body.path("properties").path("networkProfile").path("networkInterfaces")
                        .findValues("id").stream().anyMatch(id -> id.asText().equalsIgnoreCase(nicId)))
                .map(vm -> vm.body.path("name").asText())
                .findFirst();
    }

    private void setPower(String vm, VmInfo.PowerState power) {
        VmState state = require(vm);
        state.power = power;
        stopMachine(state);
        vmDown.accept(state.body.path("name").asText());
    }

    private Optional<VmState> find(String vm) {
        return vms.values().stream().filter(state -> state.body.path("name").asText().equalsIgnoreCase(vm)).findFirst();
    }

    private VmState require(String vm) {
        return find(vm).orElseThrow(() -> new IllegalArgumentException("no VM " + vm + "; there are "
                + vms().stream().map(Vm::name).toList()));
    }

    private static void stopMachine(VmState vm) {
        if (vm.machine != null) {
            try {
                vm.machine.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** An ARM long-running operation that has already ended as {@code status} says; ARM is polled for it. */
    private HttpAnswer operation(int code, ObjectNode body, ObjectNode status, String apiVersion) {
        String id = UUID.randomUUID().toString();
        status.put("name", id);
        operations.put(id, status);
        String url = baseUrl() + "/subscriptions/" + subscription + "/providers/Microsoft.Compute/locations/"
                + location + "/operations/" + id + "?api-version=" + apiVersion;
        HttpAnswer answer = body == null ? HttpAnswer.empty(code) : HttpAnswer.json(code, body);
        return answer.withHeader("Azure-AsyncOperation", url).withHeader("Retry-After", String.valueOf(POLL_SECONDS));
    }

    private static ObjectNode succeeded() {
        return Fixtures.object().put("status", "Succeeded");
    }

    private static ObjectNode failed(ObjectNode error) {
        ObjectNode status = Fixtures.object().put("status", "Failed");
        status.set("error", error);
        return status;
    }

    /** A VM body as ARM returns it: with its id, name, type, provisioning state, creation time and VM id. */
    private static ObjectNode vmBody(ObjectNode body, ArmPath path, String provisioningState, Instant created) {
        path.resourceBody(body, provisioningState).withObjectProperty("properties")
                .put("timeCreated", created.toString()).put("vmId", UUID.randomUUID().toString());
        return body;
    }

    /** A VM body; with its instance view, the statuses shaped on the Get_InstanceView example. */
    private static ObjectNode render(VmState vm, boolean instanceView) {
        ObjectNode body = vm.body.deepCopy();
        if (instanceView) {
            ArrayNode statuses = (ArrayNode) Fixtures.load("azure/VirtualMachine_Get_InstanceView.json")
                    .path("responses").path("200").path("body").path("statuses");
            String state = vm.provisioningState().toLowerCase(Locale.ROOT);
            ((ObjectNode) statuses.get(0)).put("code", "ProvisioningState/" + state)
                    .put("displayStatus", "Provisioning " + state);
            String power = vm.power.name().toLowerCase(Locale.ROOT);
            ((ObjectNode) statuses.get(1)).put("code", "PowerState/" + power).put("displayStatus", "VM " + power);
            body.withObjectProperty("properties").putObject("instanceView").set("statuses", statuses);
        }
        return body;
    }

    private static Vm view(VmState vm) {
        Map<String, String> tags = Fixtures.JSON.convertValue(vm.body.path("tags"),
                Fixtures.JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, String.class));
        return new Vm(vm.body.path("name").asText(), tags == null ? Map.of() : tags, vm.power, vm.provisioningState(),
                Instant.parse(vm.body.path("properties").path("timeCreated").asText()),
                vm.machine == null ? null : vm.machine.address());
    }

    private ObjectNode subscriptionBody() {
        return Fixtures.object().put("id", "/subscriptions/" + subscription).put("subscriptionId", subscription)
                .put("tenantId", FakeAz.TENANT).put("displayName", "fleet harness")
                .put("state", "Enabled").put("authorizationSource", "RoleBased");
    }

    private ObjectNode resourceGroup(String name, String groupLocation, Map<?, ?> tags) {
        ObjectNode group = Fixtures.object().put("id", "/subscriptions/" + subscription + "/resourceGroups/" + name)
                .put("name", name).put("type", "Microsoft.Resources/resourceGroups").put("location", groupLocation);
        group.set("tags", Fixtures.JSON.valueToTree(tags == null ? Map.of() : tags));
        group.putObject("properties").put("provisioningState", "Succeeded");
        return group;
    }

    private String groupId(ArmPath path) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + path.resourceGroup();
    }
}
