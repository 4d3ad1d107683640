package dev.fleet.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.it.cloud.FakeCloud;
import java.io.IOException;

/** The pool the scenarios run: {@code ci} of the fake cloud, its runners registered just in time. */
final class Pools {
    static final String CI = "ci";

    private Pools() {
    }

    /**
     * Pool {@code ci} between {@code min} and {@code max} runners, with no cooldown, so each pass acts on what it
     * sees rather than on what the pass before did.
     */
    static ObjectNode ci(FakeCloud cloud, int min, int max) {
        ObjectNode pool = cloud.pool(CI).put("registration", "jit");
        pool.putObject("scaling").put("minRunners", min).put("maxRunners", max).put("cooldown", "0s");
        return pool;
    }

    /** Writes pool {@code ci} as {@link #ci} makes it, but with idle runners timing out after a second. */
    static void writeIdlingBriefly(FakeCloud cloud, int min, int max) throws IOException {
        ObjectNode pool = ci(cloud, min, max);
        pool.with("scaling").put("idleTimeout", "1s");
        write(cloud, pool);
    }

    /** Writes the config of {@code pool} alone, with its resource group made, as enabling it would have. */
    static void write(FakeCloud cloud, ObjectNode pool) throws IOException {
        cloud.arm().addResourceGroup(FakeCloud.RESOURCE_GROUP);
        cloud.writeConfig(pool);
    }
}
