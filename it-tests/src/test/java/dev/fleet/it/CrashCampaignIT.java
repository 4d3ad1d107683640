package dev.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.it.cloud.FakeCloud;
import dev.fleet.it.cloud.RequestTap;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The crash campaign: fleet commands killed with SIGKILL at random points, each followed by a clean pass, and then the
 * world counted. A kill lands after a random delay, or while GitHub or ARM holds the answer to the k-th write the
 * command sent (before or after the fake acted on it). The clean pass runs the killed command again when it was one
 * that changes the config, as a person would, and then a reconcile. After it, nothing may be left of the kill: no
 * leaked VM, NIC, public IP or registration, no VM more than the pool asks for, and the config file as it was, or,
 * for the command meant to change it, as the uninterrupted command writes it; never torn.
 *
 * <p>{@code -Dfleet.crash.kills=N} (10; 200 with {@code -Preliability}) and {@code -Dfleet.crash.seed=S} (a new
 * seed every run, printed, so a failing run can be repeated).
 */
class CrashCampaignIT {
    private static final int KILLED = 128 + 9;
    private static final int MIN = 2;
    private static final long HOLD_WAIT_MILLIS = TimeUnit.MINUTES.toMillis(2);

    /** A command the campaign kills, set up in a world of its own. */
    private enum Command {
        RECONCILE(10, 3, 9_000), ENABLE(10, 1, 10_000), DISABLE(2, 2, 5_000);

        /**
         * How many writes an uninterrupted run sends to ARM and to GitHub (enable's check of the token and its two
         * VMs share one registration token), and about how long it takes.
         */
        final int armWrites;
        final int gitHubWrites;
        final int millis;

        Command(int armWrites, int gitHubWrites, int millis) {
            this.armWrites = armWrites;
            this.gitHubWrites = gitHubWrites;
            this.millis = millis;
        }

        String[] args(FakeCloud cloud) {
            return switch (this) {
                case RECONCILE -> new String[] {"reconcile"};
                case ENABLE -> Pools.enable(cloud, MIN);
                case DISABLE -> new String[] {"github-runner", "disable", "--pool", Pools.CI};
            };
        }

        /** The world before the command: a fresh pool with leftovers, no pool yet, or a whole pool. */
        void prepare(FakeCloud cloud) throws Exception {
            if (this == ENABLE) {
                cloud.writeEndpointsOnly();
                return;
            }
            Pools.write(cloud, Pools.ci(cloud, MIN, 4));
            if (this == RECONCILE) {
                Leftovers.leave(cloud);
            } else {
                requireExit(0, cloud.fleet("reconcile"), "the pass that makes the pool to disable");
            }
        }

        int expected() {
            return this == DISABLE ? 0 : MIN;
        }
    }

    /** What one kill left, counted after the clean pass. */
    private record Outcome(Command command, String killedAt, boolean landed, Census census, int duplicates,
                           int missing, int configChanges, String problem) {
        int[] counts() {
            return new int[] {census.brokenVms().size(), census.strayNics().size(), census.strayIps().size(),
                census.strayRunners().size(), duplicates, configChanges};
        }

        boolean clean() {
            return Arrays.stream(counts()).sum() == 0 && missing == 0 && problem == null;
        }
    }

    @Test
    void commandsKilledAtRandomPointsLeaveNothingTheNextPassDoesNotRepair() throws Exception {
        int kills = Integer.getInteger("fleet.crash.kills", 10);
        long seed = Long.getLong("fleet.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        ReliabilityReport.line("crash campaign: " + kills + " kills, seed " + seed + " (repeat with -Dfleet.crash.seed="
                + seed + ")");
        long started = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        int first = random.nextInt(Command.values().length);
        for (int i = 1; i <= kills; i++) {
            // The commands in turn, so that every run of the campaign kills each about as often.
            Outcome outcome = killOnce(Command.values()[(first + i) % Command.values().length], random);
            outcomes.add(outcome);
            ReliabilityReport.line(String.format("crash %3d/%d %-9s %s -> %s%s", i, kills,
                    outcome.command().name().toLowerCase(), outcome.killedAt(), outcome.census(),
                    outcome.clean() ? "" : " FAIL " + describe(outcome)));
        }
        int[] totals = new int[6];
        outcomes.forEach(outcome -> Arrays.setAll(totals, k -> totals[k] + outcome.counts()[k]));
        long landed = outcomes.stream().filter(Outcome::landed).count();
        ReliabilityReport.line(String.format("crash campaign: %d kills (%d landed mid-command, the rest ran to the end "
                + "first) in %d s, seed %d", kills, landed, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                seed));
        ReliabilityReport.line(String.format("crash campaign: leaked VMs %d, leaked NICs %d, leaked IPs %d, orphan "
                + "registrations %d, duplicate VMs %d, config changes %d", totals[0], totals[1], totals[2], totals[3],
                totals[4], totals[5]));

        assertThat(outcomes).as("kills that left something behind; repeat with -Dfleet.crash.seed=%d", seed)
                .filteredOn(outcome -> !outcome.clean()).extracting(CrashCampaignIT::describe).isEmpty();
    }

    private static Outcome killOnce(Command command, Random random) throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            command.prepare(cloud);
            byte[] before = Files.readAllBytes(cloud.configFile());
            String[] args = command.args(cloud);
            int point = random.nextInt(3);
            FleetProcess.Result killed;
            String killedAt;
            if (point == 0) {
                int delay = 300 + random.nextInt(command.millis);
                FleetProcess.Running running = FleetProcess.start(cloud.options(), args);
                TimeUnit.MILLISECONDS.sleep(delay);
                killed = running.kill();
                killedAt = "killed after " + delay + " ms";
            } else {
                boolean arm = point == 1;
                RequestTap tap = arm ? cloud.arm().tap() : cloud.github().tap();
                int nth = 1 + random.nextInt(arm ? command.armWrites : command.gitHubWrites);
                boolean afterActing = random.nextBoolean();
                RequestTap.Hold hold = tap.holdWrite(nth, afterActing);
                FleetProcess.Running running = FleetProcess.start(cloud.options(), args);
                long deadline = System.currentTimeMillis() + HOLD_WAIT_MILLIS;
                while (!hold.reached() && running.isAlive() && System.currentTimeMillis() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(10);
                }
                killed = running.kill();
                hold.release();
                killedAt = "killed at " + (arm ? "ARM" : "GitHub") + " write " + nth + " "
                        + (hold.reached() ? "(" + hold.call().replaceFirst("^(\\S+) .*/", "$1 ") + ", "
                                + (afterActing ? "after" : "before") + " it acted)" : "(not reached)");
            }
            boolean landed = killed.exitCode() == KILLED;
            byte[] afterKill = Files.readAllBytes(cloud.configFile());
            String problem = cleanPass(cloud, command, args);
            byte[] afterClean = Files.readAllBytes(cloud.configFile());
            boolean configOk = command == Command.RECONCILE
                    ? Arrays.equals(afterKill, before) && Arrays.equals(afterClean, before)
                    : Arrays.equals(afterKill, before) || Arrays.equals(afterKill, afterClean);
            Census census = Census.of(cloud);
            return new Outcome(command, killedAt + " exit " + killed.exitCode(), landed, census,
                    Math.max(0, census.whole().size() - command.expected()),
                    Math.max(0, command.expected() - census.whole().size()), configOk ? 0 : 1, problem);
        }
    }

    /** The killed command again if it changes the config, then a reconcile; what went wrong, or null. */
    private static String cleanPass(FakeCloud cloud, Command command, String[] args) throws Exception {
        List<String[]> passes = new ArrayList<>();
        if (command != Command.RECONCILE) {
            passes.add(args);
        }
        passes.add(new String[] {"reconcile"});
        for (String[] pass : passes) {
            FleetProcess.Result result = cloud.fleet(pass);
            if (result.exitCode() != 0) {
                return "clean fleet " + String.join(" ", pass) + " exited " + result.exitCode() + ": "
                        + (result.out() + result.err()).strip().replace('\n', '|');
            }
        }
        return null;
    }

    private static String describe(Outcome outcome) {
        return outcome.command() + " " + outcome.killedAt() + ": " + outcome.census() + ", duplicates "
                + outcome.duplicates() + ", missing " + outcome.missing() + ", config changes "
                + outcome.configChanges() + (outcome.problem() == null ? "" : ", " + outcome.problem());
    }

    private static void requireExit(int code, FleetProcess.Result result, String what) {
        assertThat(result.exitCode()).as("%s: %s%s", what, result.out(), result.err()).isEqualTo(code);
    }
}
