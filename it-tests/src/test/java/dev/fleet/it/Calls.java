package dev.fleet.it;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request as a kind of call: "METHOD path" with the names and ids in it put in braces, so that every VM's create is
 * one call, {@code ARM PUT virtualMachines/{}}, and every runner's removal another, {@code GitHub DELETE
 * /repos/{}/{}/actions/runners/{}}.
 */
final class Calls {
    static final String ARM = "ARM ";
    static final String GITHUB = "GitHub ";

    /** Below a subscription: {@code [resourceGroups/{rg}][/providers/{namespace}]/type/name/type/name...}. */
    private static final Pattern ARM_PATH = Pattern.compile(
            "^(\\S+) /subscriptions/[^/]+(?:/resourceGroups/[^/]+)?(?:/providers/[^/]+)?((?:/[^/]+)*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RESOURCE_GROUP = Pattern.compile("^(\\S+) /subscriptions/[^/]+/resourceGroups/[^/]+$",
            Pattern.CASE_INSENSITIVE);

    private Calls() {
    }

    /** E.g. {@code ARM PUT networkInterfaces/{}}, {@code ARM GET virtualMachines} (a list). */
    static String arm(String request) {
        Matcher group = RESOURCE_GROUP.matcher(request);
        if (group.matches()) {
            return ARM + group.group(1) + " resourceGroups/{}";
        }
        Matcher path = ARM_PATH.matcher(request);
        if (!path.matches()) {
            throw new IllegalArgumentException("not an ARM request: " + request);
        }
        String[] parts = path.group(2).replaceFirst("^/", "").split("/");
        if (parts.length == 1 && parts[0].isEmpty()) {
            return ARM + path.group(1) + " subscriptions/{}";
        }
        StringBuilder call = new StringBuilder(ARM).append(path.group(1)).append(' ');
        for (int i = 0; i < parts.length; i++) {
            call.append(i % 2 == 0 ? (i == 0 ? "" : "/") + parts[i] : "/{}");
        }
        return call.toString().replace("/{}/", "/");
    }

    /** E.g. {@code GitHub GET /repos/{}/{}/actions/runs/{}/jobs}. */
    static String gitHub(String request) {
        return GITHUB + request.replaceFirst("^(\\S+ )/repos/[^/]+/[^/]+(?=/|$)", "$1/repos/{}/{}")
                .replaceFirst("/releases/tags/[^/]+$", "/releases/tags/{}")
                .replaceAll("/\\d+(?=/|$)", "/{}");
    }
}
