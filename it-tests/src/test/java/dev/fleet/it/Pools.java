package dev.fleet.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.it.cloud.FakeCloud;
import dev.fleet.it.cloud.FakeGitHub;
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

    /**
     * {@code fleet github-runner enable} of pool {@code ci} with {@code min} runners, as a first pool: with the
     * subscription, group, region and SSH sources of this world, and the runner package from its GitHub.
     */
    static String[] enable(FakeCloud cloud, int min) {
        return new String[] {"github-runner", "enable", "--pool", CI, "--repo", FakeCloud.REPO,
            "--min-runners", String.valueOf(min), "--subscription", FakeCloud.SUBSCRIPTION, "--resource-group",
            FakeCloud.RESOURCE_GROUP, "--location", FakeCloud.LOCATION, "--ssh-allowed-cidrs", "127.0.0.0/8",
            "--runner-version", FakeGitHub.RUNNER_VERSION, "--download-url-template",
            cloud.github().downloadUrlTemplate()};
    }

    /** Writes the config of {@code pool} alone, with its resource group made, as enabling it would have. */
    static void write(FakeCloud cloud, ObjectNode pool) throws IOException {
        cloud.arm().addResourceGroup(FakeCloud.RESOURCE_GROUP);
        cloud.writeConfig(pool);
    }
}
