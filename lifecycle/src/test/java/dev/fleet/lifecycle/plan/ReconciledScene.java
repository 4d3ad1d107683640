package dev.fleet.lifecycle.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.fleet.config.FleetConfig;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.PoolContext;
import dev.fleet.lifecycle.World;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.PoolMember.Bootstrapping;
import dev.fleet.lifecycle.reconcile.PoolReport;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import dev.fleet.lifecycle.reconcile.ReconcileRequest;
import dev.fleet.lifecycle.reconcile.Reconciler;
import dev.fleet.lifecycle.reconcile.StateFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@link PoolScene} made real in the lifecycle tests' {@link World} (fake Azure, GitHub and installer), with a state
 * folder holding its install records, runners seen online and last scaling action, and a job queue that reads the
 * scene's queue: a {@link Reconciler} reconciles it, and the planner plans on what it observes. The state folder's
 * records are written as fleet writes them and handed to the planner as the scene (or a plan carried out) has them;
 * a dry run's plan, made on what the reconciler itself reads, tells whether the two agree.
 *
 * <p>An install record of a live process names the process that runs these tests' JVM, which outlives them; one of a
 * dead process names a process id no system gives out.
 */
final class ReconciledScene implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final PoolScene scene;
    private final Path root;
    private final World world = new World();
    private final Reconciler reconciler;

    ReconciledScene(PoolScene scene) throws IOException {
        this.scene = scene;
        this.root = Files.createTempDirectory("fleet-plan-");
        world.github.registersIn(PoolScene.HERE);
        scene.vms().forEach(world.azure::existing);
        scene.registrations().forEach(registration -> world.github.existingIn(registration.scope(),
                registration.runner().name(), registration.runner().status(), registration.runner().busy(),
                registration.runner().labels()));
        Path pool = root.resolve("pools").resolve(scene.pool());
        for (Map.Entry<String, Bootstrapping> install : scene.installs().entrySet()) {
            write(pool.resolve("bootstrapping").resolve(install.getKey()),
                    install.getValue() == Bootstrapping.LIVE_PROCESS ? liveProcess() : Map.of("pid", Long.MAX_VALUE));
        }
        write(pool.resolve("online-since.json"), Map.of("runners", scene.onlineSince()));
        if (scene.lastScalingAction().isPresent()) {
            write(pool.resolve("last-scaling-action.json"), Map.of("at", scene.lastScalingAction().get()));
        }
        reconciler = new Reconciler(world.azure, world.github, (config, now) -> scene.queue(now), world.provisioning,
                new StateFolder(root), world.clock, scene.timing());
    }

    Instant now() {
        return world.clock.instant();
    }

    /** What a pass would observe now, with the records of the runners seen online and the last scaling action. */
    PoolObservation observe(Map<String, Instant> onlineSince, Optional<Instant> lastScalingAction) {
        PoolSettings settings = scene.settings();
        String group = PoolContext.of(config(), scene.config()).placement().resourceGroup();
        List<VmInfo> vms = world.azure.listGroup(group).stream()
                .filter(vm -> scene.pool().equals(vm.pool()))
                .toList();
        Map<RunnerScope, List<RunnerInfo>> runners = new LinkedHashMap<>();
        Planner.scopes(vms, settings).forEach(scope -> runners.put(scope, world.github.listRunners(scope)));
        PoolObservation seen = new PoolObservation(vms, runners, installs(), Optional.empty(), onlineSince,
                lastScalingAction);
        return Planner.needsQueue(seen, settings, now()) ? seen.withQueue(scene.queue(now())) : seen;
    }

    /** A pass over the pool, which changes the world, or a dry run of it, which does not. */
    PoolReport reconcile(boolean dryRun) {
        ReconcileRequest request = new ReconcileRequest(Optional.of(scene.pool()), dryRun, scene.forceDrain(),
                Duration.ZERO);
        return reconciler.reconcile(config(), request, ReconcileListener.NONE).pools().get(0);
    }

    private FleetConfig config() {
        FleetConfig base = World.config();
        return new FleetConfig(null, base.github(), base.azure(), List.of(scene.config()));
    }

    /** The records left in the state folder: the scene's live ones, and whatever a dead process left. */
    private Map<String, Bootstrapping> installs() {
        try (Stream<Path> files = Files.list(root.resolve("pools").resolve(scene.pool()).resolve("bootstrapping"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .collect(Collectors.toMap(Function.identity(), name -> scene.installs()
                            .getOrDefault(name, Bootstrapping.DEAD_PROCESS)));
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> liveProcess() {
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("pid", parent.pid());
        parent.info().startInstant().ifPresent(started -> process.put("started", started));
        return process;
    }

    private static void write(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, JSON.writeValueAsBytes(value));
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
