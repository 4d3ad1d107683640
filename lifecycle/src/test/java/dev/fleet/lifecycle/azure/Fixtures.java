package dev.fleet.lifecycle.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The official ARM examples in src/test/resources/azure, made into the bodies a test needs. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** The body of the example's response with that status, a fresh copy each call. */
    static ObjectNode response(String example, String status) {
        return (ObjectNode) load(example).path("responses").path(status).path("body").deepCopy();
    }

    /** The SSH-VM example as a VM of ours: renamed, re-tagged, in the given provisioning state. */
    static ObjectNode vm(String name, Map<String, String> tags, String provisioningState) {
        ObjectNode vm = response("VirtualMachine_Create_WithSshAuthentication", "200");
        vm.put("name", name);
        vm.put("id", ArmStub.RG_PATH + "/providers/Microsoft.Compute/virtualMachines/" + name);
        vm.set("tags", JSON.valueToTree(tags));
        ((ObjectNode) vm.path("properties")).put("provisioningState", provisioningState);
        return vm;
    }

    /** {@link #vm} with the instance view of the Get_InstanceView example, its power state replaced. */
    static ObjectNode vmWithInstanceView(String name, Map<String, String> tags, String provisioningState,
            String powerState) {
        ObjectNode vm = vm(name, tags, provisioningState);
        ObjectNode view = response("VirtualMachine_Get_InstanceView", "200");
        for (JsonNode status : view.path("statuses")) {
            if (status.path("code").asText().startsWith("PowerState/")) {
                ((ObjectNode) status).put("code", "PowerState/" + powerState);
            }
        }
        ((ObjectNode) vm.path("properties")).set("instanceView", view);
        return vm;
    }

    /** A pool's NSG as fleet writes it, from the NSG example: one rule letting SSH in from {@code sshSources}. */
    static ObjectNode poolNsg(String id, List<String> sshSources, Map<String, String> tags) {
        return poolNsg(id, sshSources, 22, tags);
    }

    /** {@link #poolNsg} with the rule on the pool's {@code sshPort}. */
    static ObjectNode poolNsg(String id, List<String> sshSources, int sshPort, Map<String, String> tags) {
        ObjectNode nsg = response("NetworkSecurityGroupCreate", "200");
        nsg.put("id", id).put("name", lastSegment(id));
        nsg.set("tags", JSON.valueToTree(tags));
        ((ObjectNode) nsg.path("properties")).set("securityRules", parse("[{\"name\":\"fleet-ssh\","
                + "\"properties\":{\"protocol\":\"Tcp\",\"sourceAddressPrefixes\":" + text(JSON.valueToTree(sshSources))
                + ",\"destinationPortRange\":\"" + sshPort + "\",\"access\":\"Allow\",\"priority\":100,\"direction\":\"Inbound\"}}]"));
        return nsg;
    }

    static ObjectNode poolVnet(String id, Map<String, String> tags) {
        ObjectNode vnet = (ObjectNode) parse("{\"id\":\"" + id + "\",\"name\":\"" + lastSegment(id) + "\","
                + "\"location\":\"westeurope\",\"properties\":{\"provisioningState\":\"Succeeded\"}}");
        vnet.set("tags", JSON.valueToTree(tags));
        return vnet;
    }

    static JsonNode subnet(String id) {
        return parse("{\"id\":\"" + id + "\",\"name\":\"" + lastSegment(id)
                + "\",\"properties\":{\"provisioningState\":\"Succeeded\"}}");
    }

    /** The public IP example as just created, at the given address. */
    static ObjectNode publicIp(String id, String address) {
        ObjectNode pip = response("PublicIpAddressCreateDefaults", "201");
        pip.put("id", id);
        ((ObjectNode) pip.path("properties")).put("ipAddress", address);
        return pip;
    }

    static ObjectNode nic(String id) {
        ObjectNode nic = response("NetworkInterfaceCreate", "201");
        nic.put("id", id);
        return nic;
    }

    /** The List_MaximumSet example's VMs: untagged, not fleet's. */
    static ArrayNode strangerVms() {
        return (ArrayNode) response("VirtualMachine_List_MaximumSet_Gen", "200").path("value");
    }

    private static String lastSegment(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode load(String example) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/azure/" + example + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + example);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
