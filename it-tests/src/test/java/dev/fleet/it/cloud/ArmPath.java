package dev.fleet.it.cloud;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An ARM request path taken apart: {@code /subscriptions/{s}[/resourceGroups/{rg}][/providers/{namespace}/{type}/
 * {name}[/{type}/{name}...][/{type}]]}. ARM compares these without case, so {@link #kind()} is lower case.
 *
 * @param resourceGroup null above resource group level
 * @param kind          {@code subscription}, {@code resourcegroup}, or the namespace and types, e.g.
 *                      {@code microsoft.network/virtualnetworks/subnets}
 * @param type          the same with ARM's own capitals, as a resource's {@code type} field shows it
 * @param names         the names along the path; one fewer than the types for a collection (a list)
 */
record ArmPath(String subscription, String resourceGroup, String kind, String type, List<String> names,
               boolean collection) {

    static final String SUBSCRIPTION = "subscription";
    static final String RESOURCE_GROUP = "resourcegroup";

    static ArmPath parse(String path) {
        String[] parts = path.replaceFirst("^/", "").split("/");
        if (parts.length < 2 || !parts[0].equalsIgnoreCase("subscriptions")) {
            throw new IllegalArgumentException("not an ARM path: " + path);
        }
        int at = 2;
        String group = null;
        if (parts.length >= at + 2 && parts[at].equalsIgnoreCase("resourceGroups")) {
            group = parts[at + 1];
            at += 2;
        }
        if (at == parts.length) {
            String kind = group == null ? SUBSCRIPTION : RESOURCE_GROUP;
            return new ArmPath(parts[1], group, kind, kind, List.of(), false);
        }
        if (!parts[at].equalsIgnoreCase("providers") || parts.length < at + 3) {
            throw new IllegalArgumentException("not an ARM resource path: " + path);
        }
        StringBuilder type = new StringBuilder(parts[at + 1]);
        List<String> names = new ArrayList<>();
        for (int i = at + 2; i < parts.length; i += 2) {
            type.append('/').append(parts[i]);
            if (i + 1 < parts.length) {
                names.add(parts[i + 1]);
            }
        }
        boolean collection = (parts.length - at) % 2 == 1;
        return new ArmPath(parts[1], group, type.toString().toLowerCase(Locale.ROOT), type.toString(),
                List.copyOf(names), collection);
    }

    String name() {
        return names.get(names.size() - 1);
    }

    /** The resource id as ARM writes it, with this path's names and capitals. */
    String id() {
        String[] types = type.split("/");
        StringBuilder id = new StringBuilder("/subscriptions/").append(subscription).append("/resourceGroups/")
                .append(resourceGroup).append("/providers/").append(types[0]);
        for (int i = 0; i < names.size(); i++) {
            id.append('/').append(types[i + 1]).append('/').append(names.get(i));
        }
        return id.toString();
    }

    /** A resource body as ARM returns it: the body sent, with this path's id, name and type and the given state. */
    ObjectNode resourceBody(ObjectNode body, String provisioningState) {
        body.put("id", id()).put("name", name()).put("type", type());
        body.withObjectProperty("properties").put("provisioningState", provisioningState);
        return body;
    }

    /** The key a resource is kept under: ARM names do not differ by case alone. */
    static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
