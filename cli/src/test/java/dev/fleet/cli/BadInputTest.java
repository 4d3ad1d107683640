package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.cli.command.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input suite: flags, config files and traces that fleet must refuse. Each case exits 2, prints one line
 * naming the flag, the field or the file and line (an invalid config: a heading naming the file, then one line per
 * problem), and leaves every file in the config and state folders, and the inputs, byte-identical. The figure it
 * prints goes in the README's table of what fleet survives.
 */
class BadInputTest {
    private static final String CONFIG = "{\"azure\": {\"subscriptionId\": \"" + Cli.SUBSCRIPTION + "\", "
            + "\"resourceGroup\": \"fleet-rg\", \"location\": \"westeurope\", \"sshAllowedCidrs\": [\"203.0.113.7/32\"]}, "
            + "\"pools\": [{\"name\": \"ci\", \"repo\": \"octo/app\", \"scaling\": {\"maxRunners\": 10}}]}\n";
    private static final String TRACE = "queued_at_s,duration_s,labels\n0,60,self-hosted\n";
    private static final byte[] LATIN1 = "queued_at_s,duration_s,labels\n0,60,self-hosted\n5,60,caf\u00e9\n"
            .getBytes(StandardCharsets.ISO_8859_1);

    private static final BadInputTally TALLY = new BadInputTally("flags, config files and traces");

    /** A command line that must be refused, and the first line of what it prints ({dir} is the case's folder). */
    private record Case(String args, String firstLine) {
    }

    private static final List<Case> CASES = List.of(
        // simulate: durations and counts
        new Case("simulate --trace {dir}/trace.csv --interval 1ms", "--interval: must be between 1s and 1h, was 1ms"),
        new Case("simulate --trace {dir}/trace.csv --interval 0s", "--interval: must be between 1s and 1h, was 0s"),
        new Case("simulate --trace {dir}/trace.csv --interval 2h", "--interval: must be between 1s and 1h, was 2h"),
        new Case("simulate --trace {dir}/trace.csv --interval 1x", "Invalid value for option '--interval': '1x' is "
                + "not a duration; write it like 90s, 5m, 1h30m, 2d or 250ms (try 'fleet simulate --help')"),
        new Case("simulate --trace {dir}/trace.csv --interval 99999999999999999999d", "Invalid value for option "
                + "'--interval': '99999999999999999999d' is too long a duration (try 'fleet simulate --help')"),
        new Case("simulate --trace {dir}/year.csv --interval 1s", "--interval: 1s over this trace is 31644001 "
                + "reconciles a policy, more than the 1000000 a simulation runs; use at least 32s"),
        new Case("simulate --trace {dir}/trace.csv --boot 2h", "--boot: must be between 0s and 1h, was 2h"),
        new Case("simulate --trace {dir}/trace.csv --min-runners -1", "--min-runners: must be between 0 and 10000, "
                + "was -1"),
        new Case("simulate --trace {dir}/trace.csv --max-runners 10001", "--max-runners: must be between 0 and 10000, "
                + "was 10001"),
        new Case("simulate --trace {dir}/trace.csv --max-runners 2147483648", "Invalid value for option "
                + "'--max-runners': '2147483648' is not an int (try 'fleet simulate --help')"),
        new Case("simulate --trace {dir}/trace.csv --min-runners 5 --max-runners 2", "--min-runners/--max-runners: "
                + "need 0 <= min <= max, were 5 and 2"),
        new Case("simulate --trace {dir}/trace.csv --policy nope", "--policy: 'nope' is not a scaling policy; use one "
                + "of azlin, fleet, min-idle, min-idle:N (N a whole number of idle runners), fleet:H (H the warm "
                + "horizon, such as 90s)"),
        new Case("simulate --trace {dir}/trace.csv --policy min-idle:99999999999", "--policy: 'min-idle:99999999999' "
                + "is not a scaling policy; use one of azlin, fleet, min-idle, min-idle:N (N a whole number of idle "
                + "runners), fleet:H (H the warm horizon, such as 90s)"),
        new Case("simulate --trace {dir}/trace.csv --seed abc", "Invalid value for option '--seed': 'abc' is not a "
                + "long (try 'fleet simulate --help')"),
        new Case("simulate --trace {dir}/trace.csv --output xml", "Invalid value for option '--output': expected one "
                + "of [table, json] (case-insensitive) but was 'xml' (try 'fleet simulate --help')"),
        new Case("simulate", "--trace is required; 'fleet simulate generate --help' shows how to make one"),
        // simulate: files
        new Case("simulate --trace {dir}/folder", "--trace: {dir}/folder is a folder, not a file"),
        new Case("simulate --trace {dir}/missing.csv", "--trace: {dir}/missing.csv does not exist"),
        new Case("simulate --trace {dir}/latin1.csv", "{dir}/latin1.csv:3: not UTF-8 text"),
        new Case("simulate --trace {dir}/far.csv", "{dir}/far.csv:2: queued_at_s must be at most 31622400 (366d), "
                + "was '999999999999999999'"),
        new Case("simulate --trace {dir}/e10.csv", "{dir}/e10.csv:2: queued_at_s must be at most 31622400 (366d), "
                + "was '10000000000'"),
        new Case("simulate --trace {dir}/exponent.csv", "{dir}/exponent.csv:2: queued_at_s must be a non-negative "
                + "number, was '1e10'"),
        new Case("simulate --trace {dir}/long-job.csv", "{dir}/long-job.csv:2: duration_s must be at most 432000 "
                + "(5d), was '432001'"),
        new Case("simulate --trace {dir}/header.csv", "{dir}/header.csv:1: expected the header "
                + "'queued_at_s,duration_s,labels', found 'at,for,labels'"),
        new Case("simulate --trace {dir}/empty.csv", "{dir}/empty.csv: empty trace, expected the header "
                + "'queued_at_s,duration_s,labels'"),
        new Case("simulate --trace {dir}/fields.csv", "{dir}/fields.csv:2: expected 3 fields "
                + "(queued_at_s,duration_s,labels), found 4"),
        new Case("simulate --trace {dir}/trace.csv --boot-dist {dir}/folder", "--boot-dist: {dir}/folder is a "
                + "folder, not a file"),
        new Case("simulate --trace {dir}/trace.csv --boot-dist {dir}/missing.txt", "--boot-dist: {dir}/missing.txt "
                + "does not exist"),
        new Case("simulate --trace {dir}/trace.csv --boot-dist {dir}/slow-boots.txt", "{dir}/slow-boots.txt:2: must "
                + "be between 0s and 1h, was 2h"),
        new Case("simulate --trace {dir}/trace.csv --boot-dist {dir}/latin1.csv", "{dir}/latin1.csv:3: not UTF-8 "
                + "text"),
        new Case("simulate --trace {dir}/trace.csv --boot-dist {dir}/empty.csv", "--boot-dist: {dir}/empty.csv "
                + "holds no boot times"),
        new Case("simulate --trace {dir}/trace.csv --boot 90s --boot-dist {dir}/slow-boots.txt", "Error: "
                + "--boot=DURATION, --boot-dist=FILE are mutually exclusive (specify only one) (try 'fleet simulate "
                + "--help')"),
        new Case("simulate --trace {dir}/trace.csv --chart {dir}/missing/chart.svg", "--chart: the folder "
                + "{dir}/missing does not exist"),
        new Case("simulate --trace {dir}/trace.csv --chart {dir}/folder", "--chart: {dir}/folder is a folder; name a "
                + "file in it"),
        new Case("simulate --trace {dir}/trace.csv --pool-config {dir}/missing.json", "--pool-config: "
                + "{dir}/missing.json does not exist"),
        new Case("simulate --trace {dir}/trace.csv --pool-config {dir}/folder", "{dir}/folder: 1 problem"),
        new Case("simulate --trace {dir}/trace.csv --pool-config {dir}/latin1.json", "{dir}/latin1.json: 1 problem"),
        new Case("simulate --trace {dir}/trace.csv --pool-config {dir}/config/config.json --pool nope", "--pool: "
                + "{dir}/config/config.json has no pool 'nope'; it has ci"),
        new Case("simulate --trace {dir}/trace.csv --pool ci", "--pool: needs --pool-config, the file that holds the "
                + "pool"),
        // simulate generate
        new Case("simulate generate --profile quiet --days 100000000", "--days: must be between 1 and 366, was "
                + "100000000"),
        new Case("simulate generate --profile quiet --days 0", "--days: must be between 1 and 366, was 0"),
        new Case("simulate generate --profile quiet --days 367", "--days: must be between 1 and 366, was 367"),
        new Case("simulate generate --profile quiet --days -5", "--days: must be between 1 and 366, was -5"),
        new Case("simulate generate --profile loud", "--profile: unknown trace profile 'loud'; use one of quiet, "
                + "busy-monorepo, nightly, steady"),
        new Case("simulate generate --profile quiet --out {dir}/missing/trace.csv", "--out: the folder {dir}/missing "
                + "does not exist"),
        new Case("simulate generate --profile quiet --out {dir}/folder", "--out: {dir}/folder is a folder; name a "
                + "file in it"),
        new Case("simulate generate", "Missing required option: '--profile=NAME' (try 'fleet simulate generate "
                + "--help')"),
        // reconcile
        new Case("reconcile --interval 5s", "--interval: must be between 10s and 1d, was 5s"),
        new Case("reconcile --watch --interval 2d", "--interval: must be between 10s and 1d, was 2d"),
        new Case("reconcile --lock-wait 2h", "--lock-wait: must be between 0s and 1h, was 2h"),
        new Case("reconcile --lock-wait soon", "Invalid value for option '--lock-wait': 'soon' is not a duration; "
                + "write it like 90s, 5m, 1h30m, 2d or 250ms (try 'fleet reconcile --help')"),
        new Case("reconcile --pool nope", "--pool: no pool named nope; pools: ci"),
        new Case("reconcile --config {dir}/folder", "{dir}/folder: 1 problem"),
        new Case("reconcile --config {dir}/latin1.json", "{dir}/latin1.json: 1 problem"),
        new Case("github-runner status --config {dir}/truncated.json", "{dir}/truncated.json: 1 problem"),
        // schedule
        new Case("schedule install --interval 30s --dry-run", "--interval: must be between 1m and 1d, was 30s"),
        new Case("schedule install --interval 2d --dry-run", "--interval: must be between 1m and 1d, was 2d"),
        new Case("schedule install --interval 1m500ms --dry-run", "--interval: must be whole seconds, was 1m500ms"),
        new Case("schedule install --interval 7m --cron", "cron cannot run every 7m evenly: choose whole minutes that "
                + "divide an hour (1m, 2m, 5m, 10m, 15m, 30m, ...) or whole hours that divide a day, or use the "
                + "systemd timer"),
        // github-runner
        new Case("github-runner scale --pool ci --count -1", "pools[ci].manualSize: must be between 0 and "
                + "scaling.maxRunners (10), was -1"),
        new Case("github-runner scale --pool ci --count 11", "pools[ci].manualSize: must be between 0 and "
                + "scaling.maxRunners (10), was 11"),
        new Case("github-runner scale --pool ci --count 99999999999", "Invalid value for option '--count': "
                + "'99999999999' is not an int (try 'fleet github-runner scale --help')"),
        new Case("github-runner scale --pool nope --count 1", "--pool: no pool named nope; pools: ci"),
        new Case("github-runner disable --pool nope", "--pool: no pool named nope; pools: ci"),
        new Case("github-runner enable --pool ci --max-runners 10001 --update", "pools[ci].scaling.maxRunners: must "
                + "be <= 10000 (GitHub's limit of runners in a runner group), was 10001"),
        new Case("github-runner enable --pool ci --max-runners -1 --update", "pools[ci].scaling.maxRunners: must be "
                + ">= minRunners (0), was -1"),
        new Case("github-runner enable --pool ci --idle-timeout 100000000d --update", "pools[ci].scaling.idleTimeout: "
                + "must be at most 30d, was 100000000d"),
        new Case("github-runner enable --pool ci --idle-timeout 1x --update", "Invalid value for option "
                + "'--idle-timeout': '1x' is not a duration; write it like 90s, 5m, 1h30m, 2d or 250ms (try 'fleet "
                + "github-runner enable --help')"),
        new Case("github-runner enable --pool web --repo octo/app!", "pools[web].repo: must be owner/name matching "
                + "^[a-zA-Z0-9_-]+/[a-zA-Z0-9._-]+$, was \"octo/app!\""),
        // config
        new Case("config validate --config {dir}/latin1.json", "{dir}/latin1.json: 1 problem"),
        new Case("config show --config {dir}/folder", "{dir}/folder: 1 problem"),
        new Case("config validate --config {dir}/truncated.json", "{dir}/truncated.json: 1 problem"),
        new Case("config validate --config {dir}/huge-pool.json", "{dir}/huge-pool.json: 3 problems"),
        // the whole command line
        new Case("--log-format xml config path", "Invalid value for option '--log-format': expected one of [text, "
                + "json] (case-insensitive) but was 'xml' (try 'fleet --help')"),
        new Case("config validate --no-such-flag", "Unknown option: '--no-such-flag' (try 'fleet config validate "
                + "--help')"));

    @TestFactory
    Stream<DynamicTest> everyCaseExitsTwoWithOneLineAndChangesNoFile() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest("fleet " + c.args(), () -> refuses(c)));
    }

    private static void refuses(Case c) throws IOException {
        Path dir = Files.createTempDirectory("fleet-bad-input");
        try {
            Cli cli = fixture(dir);
            Map<Path, byte[]> before = snapshot(dir);

            int exit = cli.run(c.args().replace("{dir}", dir.toString()).split(" "));

            List<String> lines = cli.err().lines().toList();
            String first = "fleet: " + c.firstLine().replace("{dir}", dir.toString());
            boolean changed = !equal(before, snapshot(dir));
            boolean documented = exit == ExitCode.BAD_INPUT && !lines.isEmpty() && lines.get(0).equals(first)
                    && lines.size() == 1 + ConfigHeading.problems(lines.get(0))
                    && lines.stream().allMatch(line -> line.startsWith("fleet: ") && !line.contains("\tat "));
            TALLY.count(documented, changed);

            assertThat(exit).as(cli.err()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(lines).as(cli.err()).isNotEmpty().first().isEqualTo(first);
            assertThat(lines).as(cli.err()).hasSize(1 + ConfigHeading.problems(lines.get(0)));
            assertThat(changed).as("a file changed").isFalse();
        } finally {
            deleteTree(dir);
        }
    }

    @AfterAll
    static void printTheFigure() {
        TALLY.print();
    }

    /** The config and state folders of a user with one pool, and the inputs the cases name. */
    private static Cli fixture(Path dir) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config")).resolve("config.json");
        Files.writeString(config, CONFIG);
        Files.createDirectories(dir.resolve("state/fleet")).resolve("cooldowns.json");
        Files.writeString(dir.resolve("state/fleet/last-pass.json"), "{}\n");
        Files.createDirectories(dir.resolve("folder"));
        Files.writeString(dir.resolve("trace.csv"), TRACE);
        Files.writeString(dir.resolve("year.csv"), "queued_at_s,duration_s,labels\n31622400,60,self-hosted\n");
        Files.write(dir.resolve("latin1.csv"), LATIN1);
        Files.write(dir.resolve("latin1.json"), CONFIG.replace("octo/app", "octo/caf\u00e9")
                .getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("truncated.json"), CONFIG.substring(0, CONFIG.length() / 2));
        Files.writeString(dir.resolve("huge-pool.json"), CONFIG.replace("\"maxRunners\": 10",
                "\"maxRunners\": 20000, \"provisioningConcurrency\": 1000, \"cooldown\": \"99999d\""));
        Files.writeString(dir.resolve("far.csv"), "queued_at_s,duration_s,labels\n999999999999999999,60,\n");
        Files.writeString(dir.resolve("e10.csv"), "queued_at_s,duration_s,labels\n10000000000,60,\n");
        Files.writeString(dir.resolve("exponent.csv"), "queued_at_s,duration_s,labels\n1e10,60,\n");
        Files.writeString(dir.resolve("long-job.csv"), "queued_at_s,duration_s,labels\n0,432001,\n");
        Files.writeString(dir.resolve("header.csv"), "at,for,labels\n0,60,\n");
        Files.writeString(dir.resolve("empty.csv"), "");
        Files.writeString(dir.resolve("fields.csv"), "queued_at_s,duration_s,labels\n0,60,linux,x64\n");
        Files.writeString(dir.resolve("slow-boots.txt"), "90s\n2h\n");
        Cli cli = new Cli(dir.resolve("home"));
        cli.env.put("FLEET_CONFIG", config.toString());
        cli.env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        cli.env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        return cli;
    }

    static Map<Path, byte[]> snapshot(Path dir) throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.toList()) {
                files.put(path, Files.isRegularFile(path) ? Files.readAllBytes(path) : new byte[0]);
            }
        }
        return files;
    }

    static boolean equal(Map<Path, byte[]> before, Map<Path, byte[]> after) {
        return before.keySet().equals(after.keySet())
                && before.keySet().stream().allMatch(path -> java.util.Arrays.equals(before.get(path), after.get(path)));
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
