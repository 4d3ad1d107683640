package dev.fleet.lifecycle.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.autoscaler.ScalingDecision;
import dev.fleet.lifecycle.plan.PlannedAction.Create;
import dev.fleet.lifecycle.plan.PlannedAction.ForceRemove;
import dev.fleet.lifecycle.plan.PlannedAction.Hold;
import dev.fleet.lifecycle.plan.PlannedAction.Rotate;
import dev.fleet.lifecycle.reconcile.ActionResult;
import dev.fleet.lifecycle.reconcile.PoolReport;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * One pass brings a pool to where the planner has nothing left to do: carried out in the fake world, a plan leaves a
 * world whose next plan, at the same instant, only holds runners (busy ones, and ones that read idle but may not be).
 * The world does not move on by itself between the two looks: the clock stands still, the queue keeps its jobs, and
 * the runners the pass made come online idle. So the graces, the idle-confirmation window and the cooldown read the
 * same to both plans, and need no exception. Two things take more than one pass by design, and are the only actions
 * the second plan may take: a busy runner a forced drain removed, whose registration GitHub keeps until it sees the
 * job end; and a runner over the max age that the first plan had no room below max to replace.
 *
 * <p>Every scaling policy is generated, with its limits, cooldown and manual size. Each pass is checked against the
 * planner: a dry run plans what {@link Planner#plan} plans on the observation made here, and the pass does it.
 */
class PlanConvergenceProperties {

    @Property(tries = 50, edgeCases = EdgeCasesMode.NONE)
    void aPassLeavesAPlanThatOnlyHolds(@ForAll("scenes") PoolScene scene) throws IOException {
        try (ReconciledScene world = new ReconciledScene(scene)) {
            PoolPlan first = Planner.plan(world.observe(scene.onlineSince(), scene.lastScalingAction()),
                    scene.settings(), world.now());
            assertThat(planned(world.reconcile(true))).as("the dry run plans as the planner does")
                    .isEqualTo(planned(first));

            PoolReport pass = world.reconcile(false);

            assertThat(pass.errors()).isEmpty();
            assertThat(pass.decision()).isEqualTo(first.decision());
            assertThat(pass.actions()).noneMatch(action -> action.result() == ActionResult.Result.FAILED);
            assertThat(pass.actions().stream().filter(action -> action.kind() == ActionKind.CREATE))
                    .as("runners made").hasSize(first.actions().stream()
                            .filter(Create.class::isInstance).mapToInt(action -> ((Create) action).count()).sum());
            assertThat(pass.actions().stream().filter(action -> action.kind() != ActionKind.CREATE).map(Line::of))
                    .as("the pass does what the plan says")
                    .containsExactlyElementsOf(first.actions().stream()
                            .filter(action -> !(action instanceof Create)).map(Line::of).toList());
            // The pass recorded what its plan said: the runners seen online, and, if it scaled, the cooldown's start.
            PoolPlan second = Planner.plan(world.observe(first.onlineSince(),
                    first.startsCooldown() ? Optional.of(world.now()) : scene.lastScalingAction()),
                    scene.settings(), world.now());
            assertThat(planned(world.reconcile(true))).as("the dry run after the pass").isEqualTo(planned(second));
            assertThat(second.actions()).as("what is left to do after %s", first.actions())
                    .allMatch(action -> action instanceof Hold || forcedAgain(action, first)
                            || rotatedOnceThereIsRoom(action, first, scene.max()));
            Statistics.label("first plan does").collect(first.actions().stream()
                    .filter(action -> !(action instanceof Hold))
                    .map(action -> action.getClass().getSimpleName())
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    @Provide
    Arbitrary<PoolScene> scenes() {
        return PoolScene.scenes();
    }

    /**
     * A busy runner a forced drain removed keeps its registration: GitHub refuses to delete it while it counts the
     * runner's job running, which it does until it notices the VM gone. The next pass removes it again.
     */
    private static boolean forcedAgain(PlannedAction action, PoolPlan first) {
        return action instanceof ForceRemove && first.actions().stream()
                .anyMatch(forced -> forced instanceof ForceRemove && forced.target().equals(action.target()));
    }

    /**
     * Runners over the max age are rotated as far as there is room below max for their replacements: one the first
     * plan had no room for, once the others were rotated, is rotated by the next pass.
     */
    private static boolean rotatedOnceThereIsRoom(PlannedAction action, PoolPlan first, int max) {
        if (!(action instanceof Rotate)) {
            return false;
        }
        ScalingDecision decided = first.decision().orElseThrow();
        boolean noRoomLeft = decided.current() + decided.create() + decided.rotate().size() >= max;
        boolean leftOver = !decided.rotate().contains(action.target()) && first.members().stream()
                .anyMatch(member -> member.name().equals(action.target()) && member.state() == RunnerClass.IDLE);
        return noRoomLeft && leftOver;
    }

    /** An action as a report lists it. */
    private record Line(ActionKind kind, String target, String reason) {
        static Line of(PlannedAction action) {
            return new Line(action.kind(), action.target(), action.reason());
        }

        static Line of(ActionResult action) {
            return new Line(action.kind(), action.target(), action.reason());
        }
    }

    private static List<Line> planned(PoolReport dryRun) {
        return dryRun.actions().stream().map(Line::of).toList();
    }

    private static List<Line> planned(PoolPlan plan) {
        return plan.actions().stream().map(Line::of).toList();
    }
}
