package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handful of the bad-input suite through the real jar, as a user's shell runs it: each exits 2 with its one line (an
 * invalid config: a heading and one line per problem) and leaves the config and state folders byte-identical.
 */
class BadInputIT {
    private static final String CONFIG = """
            {"azure": {"subscriptionId": "00000000-0000-0000-0000-000000000000", "resourceGroup": "rg",
                       "location": "westeurope", "sshAllowedCidrs": ["203.0.113.7/32"]},
             "pools": [{"name": "ci", "repo": "octo/app"}]}
            """;

    @TempDir
    Path dir;

    private record Case(Map<String, String> env, List<String> args, List<String> err) {
    }

    @Test
    void eachIsRefusedWithItsLineAndChangesNoFile() throws Exception {
        Path config = dir.resolve("config/fleet/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, CONFIG);
        Files.createDirectories(dir.resolve("state/fleet"));
        Files.writeString(dir.resolve("state/fleet/last-pass.json"), "{}\n");
        Path far = Files.writeString(dir.resolve("far.csv"), "queued_at_s,duration_s,labels\n999999999999999999,60,\n");
        Path latin1 = Files.write(dir.resolve("latin1.csv"),
                "queued_at_s,duration_s,labels\n0,60,\n1,60,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Path badConfig = Files.write(dir.resolve("latin1.json"),
                CONFIG.replace("octo/app", "octo/caf\u00e9").getBytes(StandardCharsets.ISO_8859_1));
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(),
                "XDG_CONFIG_HOME", dir.resolve("config").toString(), "XDG_STATE_HOME", dir.resolve("state").toString());
        Map<String, String> plainHttp = new HashMap<>(env);
        plainHttp.put("GITHUB_API_URL", "http://ghe.example.com/api/v3");
        plainHttp.put("GITHUB_TOKEN", "ghp_test");

        List<Case> cases = List.of(
                new Case(env, List.of("simulate", "generate", "--profile", "quiet", "--days", "100000000"),
                        List.of("fleet: --days: must be between 1 and 366, was 100000000")),
                new Case(env, List.of("simulate", "--trace", far.toString()), List.of("fleet: " + far
                        + ":2: queued_at_s must be at most 31622400 (366d), was '999999999999999999'")),
                new Case(env, List.of("simulate", "--trace", latin1.toString()),
                        List.of("fleet: " + latin1 + ":3: not UTF-8 text")),
                new Case(env, List.of("simulate", "--trace", dir.toString()),
                        List.of("fleet: --trace: " + dir + " is a folder, not a file")),
                new Case(env, List.of("simulate", "--trace", far.toString(), "--interval", "1ms"),
                        List.of("fleet: --interval: must be between 1s and 1h, was 1ms")),
                new Case(plainHttp, List.of("reconcile"), List.of("fleet: GITHUB_API_URL: must be an https URL (http "
                        + "only for localhost, 127.0.0.1 or [::1]), was \"http://ghe.example.com/api/v3\"")),
                new Case(env, List.of("config", "validate", "--config", badConfig.toString()),
                        List.of("fleet: " + badConfig + ": 1 problem", "fleet: not UTF-8 text: byte 0xE9 at line 3")));

        int refused = 0;
        for (Case c : cases) {
            Map<Path, String> before = snapshot();

            FleetProcess.Result result = FleetProcess.run(c.env(), c.args().toArray(String[]::new));

            assertThat(result.exitCode()).as("%s: %s", c.args(), result.err()).isEqualTo(2);
            assertThat(result.err().lines().toList()).as("%s", c.args()).isEqualTo(c.err());
            assertThat(snapshot()).as("%s changed a file", c.args()).isEqualTo(before);
            refused++;
        }
        System.out.printf("bad input through the jar: %d cases, %d exited 2 with a one-line message, files "
                + "changed: 0%n", cases.size(), refused);
    }

    /** Every file under the test's folder with its content (hex of its bytes would do; the text is exact here). */
    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                files.put(path, new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }
}
