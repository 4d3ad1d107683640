package dev.fleet.lifecycle.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    /** The List_MaximumSet example's VMs: untagged, not fleet's. */
    static ArrayNode strangerVms() {
        return (ArrayNode) response("VirtualMachine_List_MaximumSet_Gen", "200").path("value");
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
