package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.cli.command.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The generated part of the bad-input suite: a valid config with one thing broken (a field of the wrong type or out of
 * range, an unknown key, the text cut short, a byte that is not UTF-8). A command that would save the file refuses it:
 * exit 2, a heading naming the file, one line per problem, one of them naming what was broken, and the file and state
 * folder byte-identical.
 */
class AlmostValidConfigProperties {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VALID = "{\"version\": 1, \"github\": {\"apiUrl\": \"https://api.github.com\"}, "
            + "\"azure\": {\"subscriptionId\": \"" + Cli.SUBSCRIPTION + "\", \"resourceGroup\": \"fleet-rg\", "
            + "\"location\": \"westeurope\", \"sshPort\": 22, \"adminUser\": \"fleet\", "
            + "\"sshAllowedCidrs\": [\"203.0.113.7/32\"]}, "
            + "\"pools\": [{\"name\": \"ci\", \"repo\": \"octo/app\", \"labels\": [\"linux\"], \"enabled\": true, "
            + "\"registration\": \"jit\", \"scaling\": {\"policy\": \"fleet\", \"minRunners\": 0, \"maxRunners\": 10, "
            + "\"cooldown\": \"5m\", \"idleTimeout\": \"10m\", \"maxAge\": \"1d\", \"provisioningConcurrency\": 4}}]}";
    private static final BadInputTally TALLY = new BadInputTally("generated almost-valid configs");

    /** A field of the valid config, where it is in the JSON, how problems name it, and values out of its range. */
    private record Field(String pointer, String named, List<Object> outOfRange) {
    }

    private static final List<Field> FIELDS = List.of(
        new Field("/version", "version", List.of(2, 0)),
        new Field("/github/apiUrl", "github.apiUrl", List.of("http://api.example.com", "not a url")),
        new Field("/azure/subscriptionId", "azure.subscriptionId", List.of("not-a-guid")),
        new Field("/azure/location", "azure.location", List.of("West Europe")),
        new Field("/azure/sshPort", "azure.sshPort", List.of(0, 70_000)),
        new Field("/azure/adminUser", "azure.adminUser", List.of("Root User")),
        new Field("/azure/sshAllowedCidrs/0", "azure.sshAllowedCidrs[0]", List.of("0.0.0.0/0", "10.0.0.0/33")),
        new Field("/pools/0/name", "pools[0].name", List.of("bad name!")),
        new Field("/pools/0/repo", "pools[ci].repo", List.of("nope", "octo/app!")),
        new Field("/pools/0/labels/0", "pools[ci].labels[0]", List.of("bad label")),
        new Field("/pools/0/enabled", "pools[ci].enabled", List.of()),
        new Field("/pools/0/registration", "pools[ci].registration", List.of("telepathy")),
        new Field("/pools/0/scaling/policy", "pools[ci].scaling.policy", List.of("fastest", "min-idle:x")),
        new Field("/pools/0/scaling/minRunners", "pools[ci].scaling.minRunners", List.of(-1)),
        new Field("/pools/0/scaling/maxRunners", "pools[ci].scaling.maxRunners", List.of(10_001, -1)),
        new Field("/pools/0/scaling/cooldown", "pools[ci].scaling.cooldown", List.of("31d", "soon")),
        new Field("/pools/0/scaling/idleTimeout", "pools[ci].scaling.idleTimeout", List.of("99999d")),
        new Field("/pools/0/scaling/maxAge", "pools[ci].scaling.maxAge", List.of("30d1s")),
        new Field("/pools/0/scaling/provisioningConcurrency", "pools[ci].scaling.provisioningConcurrency",
                List.of(0, 101)));

    /** The objects an unknown key can be put in, and how problems name them. */
    private static final Map<String, String> OBJECTS = Map.of("", "bogus", "/azure", "azure.bogus",
            "/pools/0", "pools[ci].bogus", "/pools/0/scaling", "pools[ci].scaling.bogus");

    /** A broken config: its bytes, and what one of the problem lines must contain. */
    record Broken(String how, byte[] bytes, String named) {
        @Override
        public String toString() {
            return how;
        }
    }

    @Property(tries = 400)
    void aConfigWithOneThingBrokenIsRefusedAndLeftAsItWas(@ForAll("broken") Broken broken) throws IOException {
        Path dir = Files.createTempDirectory("fleet-almost-valid");
        try {
            Path config = dir.resolve("config.json");
            Files.write(config, broken.bytes());
            Files.createDirectories(dir.resolve("state/fleet"));
            Files.writeString(dir.resolve("state/fleet/last-pass.json"), "{}\n");
            Cli cli = new Cli(dir.resolve("home"));
            cli.env.put("FLEET_CONFIG", config.toString());
            cli.env.put("XDG_STATE_HOME", dir.resolve("state").toString());
            Map<Path, byte[]> before = BadInputTest.snapshot(dir);

            int exit = cli.run("github-runner", "disable", "--pool", "ci");

            List<String> lines = cli.err().lines().toList();
            boolean changed = !BadInputTest.equal(before, BadInputTest.snapshot(dir));
            boolean documented = exit == ExitCode.BAD_INPUT && !lines.isEmpty()
                    && lines.get(0).startsWith("fleet: " + config + ": ")
                    && lines.size() == 1 + ConfigHeading.problems(lines.get(0))
                    && lines.stream().skip(1).anyMatch(line -> line.contains(broken.named()));
            TALLY.count(documented, changed);

            assertThat(exit).as(cli.err()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(lines).as(cli.err()).first().asString().startsWith("fleet: " + config + ": ");
            assertThat(lines).as(cli.err()).hasSize(1 + ConfigHeading.problems(lines.get(0)));
            assertThat(lines.stream().skip(1)).as(cli.err()).anyMatch(line -> line.contains(broken.named()));
            assertThat(changed).as("a file changed").isFalse();
        } finally {
            BadInputTest.deleteTree(dir);
        }
    }

    @AfterContainer
    static void printTheFigure() {
        TALLY.print();
    }

    @Provide
    Arbitrary<Broken> broken() {
        Arbitrary<Field> field = Arbitraries.of(FIELDS);
        return Arbitraries.oneOf(
                field.flatMap(f -> Arbitraries.of(otherTypes(f)).map(value -> set(f, value, "wrong type"))),
                field.filter(f -> !f.outOfRange().isEmpty())
                        .flatMap(f -> Arbitraries.of(f.outOfRange()).map(value -> set(f, value, "out of range"))),
                Arbitraries.of(OBJECTS.keySet()).map(AlmostValidConfigProperties::unknownKey),
                Arbitraries.integers().between(0, VALID.lastIndexOf('}') - 1).map(AlmostValidConfigProperties::cut),
                Combinators.combine(Arbitraries.integers().between(0, VALID.length()), Arbitraries.of(0xFF, 0xC3, 0x80))
                        .as(AlmostValidConfigProperties::badByte));
    }

    /** Values of every JSON type but the field's own. */
    private static List<Object> otherTypes(Field field) {
        JsonNode value = MAPPER.valueToTree(valid().at(field.pointer()));
        if (value.isTextual()) {
            return List.of(7, true, List.of(), Map.of());
        }
        if (value.isNumber()) {
            return List.of("7", false, 7.5, List.of(7));
        }
        return List.of("yes", 1, List.of(true));
    }

    private static Broken set(Field field, Object value, String how) {
        ObjectNode config = valid();
        int slash = field.pointer().lastIndexOf('/');
        JsonNode parent = config.at(field.pointer().substring(0, slash));
        String key = field.pointer().substring(slash + 1);
        JsonNode node = MAPPER.valueToTree(value);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(key), node);
        } else {
            ((ObjectNode) parent).set(key, node);
        }
        return new Broken(how + ": " + field.pointer() + " = " + node, bytes(config), field.named());
    }

    private static Broken unknownKey(String object) {
        ObjectNode config = valid();
        ((ObjectNode) (object.isEmpty() ? config : config.at(object))).put("bogus", 1);
        return new Broken("unknown key in " + (object.isEmpty() ? "/" : object), bytes(config), OBJECTS.get(object));
    }

    private static Broken cut(int length) {
        String text = VALID.substring(0, length);
        return new Broken("cut after " + length + " characters", text.getBytes(StandardCharsets.UTF_8),
                text.isBlank() ? "the file is empty" : "not valid JSON");
    }

    private static Broken badByte(int at, int value) {
        byte[] text = VALID.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(text, 0, at);
        out.write(value);
        out.write(text, at, text.length - at);
        return new Broken(String.format("byte 0x%02X at %d", value, at), out.toByteArray(), "not UTF-8 text");
    }

    private static ObjectNode valid() {
        try {
            return (ObjectNode) MAPPER.readTree(VALID);
        } catch (IOException e) {
            throw new IllegalStateException("the valid config is JSON", e);
        }
    }

    private static byte[] bytes(JsonNode config) {
        return config.toString().getBytes(StandardCharsets.UTF_8);
    }
}
