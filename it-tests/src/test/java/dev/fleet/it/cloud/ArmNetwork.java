package dev.fleet.it.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fake ARM's network resources: NSGs, VNets with their subnets, public IPs and NICs, answered at once with
 * {@code provisioningState: Succeeded}. A public IP gets a loopback address of its own, which is where its VM's sshd
 * will listen. Deleting a resource something still uses is refused, as ARM refuses it. Not thread-safe: the fake ARM
 * calls it under its own lock.
 */
final class ArmNetwork {
    static final String NICS = "microsoft.network/networkinterfaces";
    static final String PUBLIC_IPS = "microsoft.network/publicipaddresses";
    static final String NSGS = "microsoft.network/networksecuritygroups";
    static final String VNETS = "microsoft.network/virtualnetworks";
    private static final String SUBNETS = "microsoft.network/virtualnetworks/subnets";
    private static final String VNET_TYPE = "Microsoft.Network/virtualNetworks";
    private static final List<String> KINDS = List.of(NSGS, VNETS, SUBNETS, PUBLIC_IPS, NICS);
    private static final String DELETE_WITH_VM = "Delete";

    private final Map<String, ObjectNode> resources = new LinkedHashMap<>();
    private final Function<String, Optional<String>> vmUsingNic;
    private int publicAddresses = 1;
    private int privateAddresses = 3;

    /** @param vmUsingNic the VM whose network profile names a NIC id, if any */
    ArmNetwork(Function<String, Optional<String>> vmUsingNic) {
        this.vmUsingNic = vmUsingNic;
    }

    boolean handles(ArmPath path) {
        return KINDS.contains(path.kind());
    }

    HttpAnswer answer(FakeRequest request, ArmPath path) {
        if (path.collection()) {
            return request.method().equals("GET") ? list(path) : ArmError.answer(405, "MethodNotAllowed",
                    request.toString());
        }
        String key = ArmPath.key(path.id());
        ObjectNode existing = resources.get(key);
        switch (request.method()) {
            case "GET":
                return existing == null ? ArmError.notFound(path) : HttpAnswer.json(200, view(existing));
            case "PUT":
                if (path.kind().equals(SUBNETS) && !resources.containsKey(ArmPath.key(vnetOf(path.id())))) {
                    return ArmError.notFound(path);
                }
                ObjectNode body = path.resourceBody((ObjectNode) Fixtures.parse(request.body()), "Succeeded");
                String refused = addAddresses(path, body, existing);
                if (refused != null) {
                    return ArmError.answer(400, "InvalidResourceReference", refused);
                }
                resources.put(key, body);
                return HttpAnswer.json(existing == null ? 201 : 200, view(body));
            case "DELETE":
                if (existing == null) {
                    return HttpAnswer.empty(204);
                }
                Optional<String> user = userOf(path.id());
                if (user.isPresent()) {
                    String code = path.kind().equals(NICS) ? "NicInUse" : "InUseByOtherResource";
                    return ArmError.answer(400, code, path.name() + " is in use by " + user.get()
                            + " and cannot be deleted.");
                }
                resources.remove(key);
                return HttpAnswer.empty(200);
            default:
                return ArmError.answer(405, "MethodNotAllowed", request.toString());
        }
    }

    /** The resources of one kind in one resource group, as ARM lists them: one page, {@code value}. */
    private HttpAnswer list(ArmPath path) {
        String group = "/resourcegroups/" + path.resourceGroup().toLowerCase(Locale.ROOT) + "/";
        ArrayNode value = Fixtures.JSON.createArrayNode();
        resources.forEach((key, resource) -> {
            if (key.contains(group) && ArmPath.key(resource.path("type").asText()).equals(path.kind())) {
                value.add(view(resource));
            }
        });
        ObjectNode page = Fixtures.object();
        page.set("value", value);
        return HttpAnswer.json(200, page);
    }

    /** Where a VM on this NIC is reached: its public IP's address, else its private one; empty without the NIC. */
    Optional<String> addressOf(String nicId) {
        ObjectNode nic = resources.get(ArmPath.key(nicId));
        if (nic == null) {
            return Optional.empty();
        }
        JsonNode config = nic.path("properties").path("ipConfigurations").path(0).path("properties");
        ObjectNode publicIp = resources.get(ArmPath.key(config.path("publicIPAddress").path("id").asText()));
        return Optional.of(publicIp != null
                ? publicIp.path("properties").path("ipAddress").asText()
                : config.path("privateIPAddress").asText());
    }

    /** A VM is gone: its NICs go if their delete option says so, and their public IPs if theirs do. */
    void removeWith(JsonNode vm) {
        for (JsonNode reference : vm.path("properties").path("networkProfile").path("networkInterfaces")) {
            if (!DELETE_WITH_VM.equalsIgnoreCase(reference.path("properties").path("deleteOption").asText())) {
                continue;
            }
            ObjectNode nic = resources.remove(ArmPath.key(reference.path("id").asText()));
            for (JsonNode config : nic == null ? List.<JsonNode>of() : nic.path("properties").path("ipConfigurations")) {
                String ipKey = ArmPath.key(config.path("properties").path("publicIPAddress").path("id").asText());
                ObjectNode publicIp = resources.get(ipKey);
                if (publicIp != null && DELETE_WITH_VM.equalsIgnoreCase(
                        publicIp.path("properties").path("deleteOption").asText())) {
                    resources.remove(ipKey);
                }
            }
        }
    }

    /** Names of the resources of one kind ({@link #NICS}, {@link #PUBLIC_IPS}), sorted. */
    List<String> names(String kind) {
        return resources.values().stream()
                .filter(resource -> ArmPath.key(resource.path("type").asText()).equals(kind))
                .map(resource -> resource.path("name").asText()).sorted().toList();
    }

    /**
     * A public IP gets the next free loopback address; a NIC a private address, or a loopback one when no public IP
     * is on it (a private-only VM is reached at its private IP). Returns why a NIC's references are refused, or null.
     */
    private String addAddresses(ArmPath path, ObjectNode body, ObjectNode existing) {
        ObjectNode properties = body.withObjectProperty("properties");
        if (path.kind().equals(PUBLIC_IPS)) {
            properties.put("ipAddress", existing != null
                    ? existing.path("properties").path("ipAddress").asText()
                    : nextLoopback());
        }
        if (!path.kind().equals(NICS)) {
            return null;
        }
        JsonNode firstConfig = properties.path("ipConfigurations").path(0).path("properties");
        for (JsonNode reference : List.of(properties.path("networkSecurityGroup").path("id"),
                firstConfig.path("subnet").path("id"), firstConfig.path("publicIPAddress").path("id"))) {
            if (!reference.isMissingNode() && !resources.containsKey(ArmPath.key(reference.asText()))) {
                return "NIC " + path.name() + " refers to " + reference.asText() + ", which does not exist.";
            }
        }
        for (JsonNode config : properties.path("ipConfigurations")) {
            ObjectNode configProperties = ((ObjectNode) config).withObjectProperty("properties");
            ((ObjectNode) config).put("id", path.id() + "/ipConfigurations/" + config.path("name").asText());
            configProperties.put("provisioningState", "Succeeded");
            configProperties.put("privateIPAddress", configProperties.has("publicIPAddress")
                    ? "10.100." + (++privateAddresses >> 8 & 255) + "." + (privateAddresses & 255)
                    : nextLoopback());
        }
        return null;
    }

    /** The VM using a NIC, or the NIC using a public IP. */
    private Optional<String> userOf(String id) {
        Optional<String> vm = vmUsingNic.apply(id);
        if (vm.isPresent()) {
            return vm;
        }
        return resources.values().stream()
                .filter(resource -> resource.path("properties").path("ipConfigurations").findValues("publicIPAddress")
                        .stream().anyMatch(ip -> ip.path("id").asText().equalsIgnoreCase(id)))
                .map(resource -> resource.path("name").asText())
                .findFirst();
    }

    /** A VNet with its subnets, which ARM keeps as resources of their own. */
    private ObjectNode view(ObjectNode resource) {
        if (!resource.path("type").asText().equalsIgnoreCase(VNET_TYPE)) {
            return resource;
        }
        ObjectNode view = resource.deepCopy();
        ArrayNode subnets = view.withObjectProperty("properties").putArray("subnets");
        String prefix = ArmPath.key(resource.path("id").asText()) + "/subnets/";
        resources.forEach((key, subnet) -> {
            if (key.startsWith(prefix)) {
                subnets.add(subnet);
            }
        });
        return view;
    }

    private static String vnetOf(String subnetId) {
        return subnetId.substring(0, subnetId.lastIndexOf("/subnets/"));
    }

    /** 127.0.0.2, 127.0.0.3, ...: each address once, so a new VM never meets an old VM's sshd. */
    private String nextLoopback() {
        int n = ++publicAddresses;
        return "127." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }
}
