package dev.fleet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.cli.command.CommandGroup;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.config.FleetConfig;
import java.util.OptionalInt;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code fleet github-runner}: the pools of runners, enabled, disabled and sized in the config file. */
@Command(
        name = "github-runner",
        mixinStandardHelpOptions = true,
        description = "Enable, disable and size pools of ephemeral GitHub Actions runners on Azure VMs. Each change is "
                + "saved to the config file; reconcile (scheduled, or run by hand) makes the VMs follow it.",
        subcommands = {EnableCommand.class, StatusCommand.class})
final class GitHubRunnerCommand extends CommandGroup {
    @ParentCommand
    Fleet fleet;

    /** How many runners a pool keeps: a fixed number, or what its policy decides. */
    static final class Size {
        @Option(names = "--count", required = true, paramLabel = "N",
                description = "Keep exactly N runners, from 0 up to the pool's maxRunners.")
        Integer count;

        @Option(names = "--auto", required = true,
                description = "Let the pool's scaling policy size it again, between its min and max runners.")
        boolean auto;
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = {
        "Mark a pool disabled: reconcile starts no runners for it and removes the ones it has. The pool stays in "
                + "the config; 'enable --pool NAME' brings it back as it was."})
    int disable(
            @Option(names = "--pool", required = true, paramLabel = "NAME", description = "The pool to disable.")
            String pool,
            @Option(names = "--force", description = "Passed to the reconcile that follows: remove the pool's "
                    + "runners even while they run a job.")
            boolean force) {
        ConfigEdit edit = ConfigEdit.load(fleet.configLocation());
        ObjectNode node = edit.existingPool(pool);
        if (!node.path("enabled").asBoolean()) {
            out().println("pool " + pool + " is already disabled; nothing changed");
            return ExitCode.OK;
        }
        node.put("enabled", false);
        FleetConfig saved = edit.result();
        FleetServices services = fleet.services(saved);
        edit.save(saved);
        out().println("pool " + pool + " disabled (" + edit.path() + ")");
        fleet.wiring().reconcile().afterSave(services, saved, pool, force, out(), terminal());
        return ExitCode.OK;
    }

    @Command(name = "scale", mixinStandardHelpOptions = true, description = {
        "Pin a pool at a number of runners, or hand it back to its scaling policy. The count must be between 0 and "
                + "the pool's maxRunners; raise that first with 'enable --pool NAME --max-runners N --update'."})
    int scale(
            @Option(names = "--pool", required = true, paramLabel = "NAME", description = "The pool to size.")
            String pool,
            @ArgGroup(exclusive = true, multiplicity = "1") Size size) {
        PoolScaling.Result result = PoolScaling.apply(fleet, pool,
                size.auto ? OptionalInt.empty() : OptionalInt.of(size.count));
        out().println(result.message());
        if (result.changed()) {
            fleet.wiring().reconcile().afterSave(result.services(), result.saved(), pool, false, out(), terminal());
        }
        return ExitCode.OK;
    }
}
