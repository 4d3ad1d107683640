package dev.fleet.lifecycle.plan;

import dev.fleet.autoscaler.ArrivalRate;
import dev.fleet.autoscaler.QueueMetrics;
import dev.fleet.autoscaler.QueuedJob;
import dev.fleet.config.PoolConfig;
import dev.fleet.config.ScalingSettings;
import dev.fleet.github.RunnerInfo;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.PoolRunners;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.plan.PoolMember.Bootstrapping;
import dev.fleet.queue.PoolQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * One pool and what one look at the world finds for it, generated for the planner's properties: its VMs in every power
 * and provisioning state, age and scope tag, beside other pools' and untagged ones; its registrations with and without
 * its label, strangers named like its runners, other pools' runners; install records, a queue with jobs naming runners,
 * the records of the last pass, and the pool's config (policy, limits, manual size, enabled, a forced drain).
 *
 * <p>A registration sits in the scope its VM's tag says, as a runner registers where its VM was told to; one without a
 * VM sits in the pool's scope or in an old one.
 *
 * @param queuedAges how long ago each queued job was queued, in seconds
 */
record PoolScene(
        PoolConfig config,
        boolean forceDrain,
        ReconcileSettings timing,
        List<VmInfo> vms,
        List<Registration> registrations,
        Map<String, Bootstrapping> installs,
        List<Integer> queuedAges,
        int inProgress,
        ArrivalRate arrivals,
        Map<String, Long> runnerJobs,
        Map<String, Instant> onlineSince,
        Optional<Instant> lastScalingAction) {

    /** The lifecycle tests' clock starts here. */
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    /** Where the pool registers now. */
    static final RunnerScope HERE = RunnerScope.repository("octo/app");
    /** Where some of its VMs registered before the pool moved. */
    static final RunnerScope OLD_REPO = RunnerScope.repository("octo/old");
    static final RunnerScope OLD_ORG = RunnerScope.organization("octo-org");
    private static final List<String> OTHER_POOLS = List.of("ci-big", "gpu");

    /** A registration in one scope, as GitHub lists it there. */
    record Registration(RunnerScope scope, RunnerInfo runner) {
    }

    String pool() {
        return config.name();
    }

    PoolSettings settings() {
        return PoolSettings.of(config, HERE, timing, forceDrain);
    }

    /** The most runners the pool may have: its manual size, or its max. */
    int max() {
        return config.manualSize() != null ? config.manualSize() : config.scaling().maxRunners();
    }

    PoolQueue queue(Instant now) {
        List<QueuedJob> jobs = IntStream.range(0, queuedAges.size())
                .mapToObj(i -> new QueuedJob(i + 1, now.minusSeconds(queuedAges.get(i))))
                .toList();
        return new PoolQueue(new QueueMetrics(jobs, inProgress, arrivals, now), runnerJobs);
    }

    /** The observation {@code reconcile/PoolObserver} would make of this world: the queue only when the plan weighs it. */
    PoolObservation observation() {
        Map<RunnerScope, List<RunnerInfo>> runners = new LinkedHashMap<>();
        Planner.scopes(vms, settings()).forEach(scope -> runners.put(scope, registrations.stream()
                .filter(registration -> registration.scope().equals(scope))
                .map(Registration::runner)
                .toList()));
        PoolObservation seen = new PoolObservation(vms, runners, installs, Optional.empty(), onlineSince,
                lastScalingAction);
        return Planner.needsQueue(seen, settings(), NOW) ? seen.withQueue(queue(NOW)) : seen;
    }

    /** The names of the VMs tagged with the pool, which pair a registration without the label. */
    Set<String> poolVmNames() {
        return vms.stream().filter(vm -> pool().equals(vm.pool())).map(VmInfo::name).collect(Collectors.toSet());
    }

    /** Whether {@code vm} registered where the pool does now: its scope tag says so, or it has none. */
    static boolean registeredHere(VmInfo vm) {
        return vm.scope() == null || vm.scope().equalsIgnoreCase(HERE.toString());
    }

    // ---- generation ----

    private enum Kind { OWN, OTHER_POOL, STRANGER }

    private enum Tag { POOL, POOL_OTHER_CASE, UNTAGGED }

    private enum Label { POOL, POOL_UPPER_CASE, NONE }

    /** What becomes one name of the scene once it has its index. */
    private record Slot(Kind kind, Optional<VmSlot> vm, Optional<RegistrationSlot> registration, Bootstrapping install,
                        boolean namedByJob, Optional<Integer> onlineSecondsAgo) {
    }

    private record VmSlot(Tag tag, VmInfo.PowerState power, VmInfo.ProvisioningState provisioning,
                          Optional<Integer> ageSeconds, Optional<String> scope, String resourceGroup) {
    }

    private record RegistrationSlot(RunnerInfo.Status status, boolean busy, Label label, RunnerScope scopeWithoutVm) {
    }

    static Arbitrary<PoolScene> scenes() {
        Arbitrary<List<Slot>> slots = slot().list().ofMaxSize(12);
        Arbitrary<List<Integer>> queued = Arbitraries.integers().between(0, 900).list().ofMaxSize(8);
        Arbitrary<ArrivalRate> arrivals = Combinators.combine(Arbitraries.integers().between(0, 30),
                        Arbitraries.integers().between(60, 3_600))
                .as((jobs, window) -> new ArrivalRate(jobs, Duration.ofSeconds(window)));
        Arbitrary<Optional<Instant>> lastAction = Arbitraries.integers().between(0, 1_800)
                .map(NOW::minusSeconds)
                .optional(0.5);
        Arbitrary<ReconcileSettings> timing = Arbitraries.of(Duration.ZERO, Duration.ofMinutes(2))
                .map(ReconcileSettings.DEFAULTS::withIdleConfirmation);
        return Combinators.combine(configs(), Arbitraries.of(false, true), timing, slots, queued,
                        Arbitraries.integers().between(0, 4), arrivals, lastAction)
                .as(PoolScene::of);
    }

    private static PoolScene of(PoolConfig config, boolean forceDrain, ReconcileSettings timing, List<Slot> slots,
                                List<Integer> queued, int inProgress, ArrivalRate arrivals,
                                Optional<Instant> lastAction) {
        List<VmInfo> vms = new ArrayList<>();
        List<Registration> registrations = new ArrayList<>();
        Map<String, Bootstrapping> installs = new TreeMap<>();
        Map<String, Long> runnerJobs = new TreeMap<>();
        Map<String, Instant> onlineSince = new TreeMap<>();
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            String owner = slot.kind() == Kind.OTHER_POOL ? OTHER_POOLS.get(i % OTHER_POOLS.size()) : config.name();
            String name = "fleet-" + PoolConfig.nameStem(owner) + "-" + String.format("x%07d", i);
            Optional<VmInfo> vm = slot.vm().map(spec -> new VmInfo(name, vmTag(spec.tag(), owner), spec.resourceGroup(),
                    spec.power(), spec.provisioning(), spec.ageSeconds().map(NOW::minusSeconds).orElse(null),
                    spec.scope().orElse(null)));
            vm.ifPresent(vms::add);
            long id = 1_000 + i;
            slot.registration().ifPresent(spec -> {
                RunnerScope scope = vm.filter(found -> !registeredHere(found))
                        .map(found -> RunnerScope.parse(found.scope()))
                        .orElse(vm.isPresent() ? HERE : spec.scopeWithoutVm());
                List<String> labels = switch (slot.kind() == Kind.STRANGER ? Label.NONE : spec.label()) {
                    case POOL -> List.of("self-hosted", "linux", PoolRunners.label(owner));
                    case POOL_UPPER_CASE -> List.of("self-hosted", PoolRunners.label(owner).toUpperCase());
                    case NONE -> List.of("self-hosted", "linux");
                };
                registrations.add(new Registration(scope, new RunnerInfo(id, name, spec.status(), spec.busy(), true,
                        labels)));
            });
            if (slot.kind() == Kind.OWN && slot.install() != Bootstrapping.NONE) {
                installs.put(name, slot.install());
            }
            if (slot.namedByJob()) {
                runnerJobs.put(name, 5_000L + i);
            }
            slot.onlineSecondsAgo().ifPresent(ago -> onlineSince.put(name, NOW.minusSeconds(ago)));
        }
        return new PoolScene(config, forceDrain, timing, vms, registrations, installs, queued, inProgress, arrivals,
                runnerJobs, onlineSince, lastAction);
    }

    private static String vmTag(Tag tag, String owner) {
        return switch (tag) {
            case POOL -> owner;
            case POOL_OTHER_CASE -> owner.toUpperCase().equals(owner) ? owner.toLowerCase() : owner.toUpperCase();
            case UNTAGGED -> null;
        };
    }

    private static Arbitrary<Slot> slot() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(Tuple.of(7, Kind.OWN), Tuple.of(1, Kind.OTHER_POOL),
                Tuple.of(2, Kind.STRANGER));
        Arbitrary<Bootstrapping> installs = Arbitraries.frequency(Tuple.of(8, Bootstrapping.NONE),
                Tuple.of(1, Bootstrapping.LIVE_PROCESS), Tuple.of(1, Bootstrapping.DEAD_PROCESS));
        Arbitrary<Optional<Integer>> online = Arbitraries.integers().between(0, 600).optional(0.5);
        return Combinators.combine(kinds, vmSlot().optional(0.8), registrationSlot().optional(0.75), installs,
                        Arbitraries.of(false, false, true), online)
                .as((kind, vm, registration, install, named, since) -> new Slot(kind,
                        // A stranger's VM, if it has one, is not tagged with the pool.
                        kind == Kind.STRANGER ? vm.filter(spec -> spec.tag() == Tag.UNTAGGED) : vm,
                        registration, install, named, since));
    }

    private static Arbitrary<VmSlot> vmSlot() {
        Arbitrary<Tag> tags = Arbitraries.frequency(Tuple.of(12, Tag.POOL), Tuple.of(1, Tag.POOL_OTHER_CASE),
                Tuple.of(2, Tag.UNTAGGED));
        Arbitrary<VmInfo.PowerState> power = Arbitraries.frequency(Tuple.of(12, VmInfo.PowerState.RUNNING),
                Tuple.of(1, VmInfo.PowerState.STARTING), Tuple.of(1, VmInfo.PowerState.STOPPED),
                Tuple.of(1, VmInfo.PowerState.DEALLOCATED), Tuple.of(1, VmInfo.PowerState.UNKNOWN));
        Arbitrary<VmInfo.ProvisioningState> provisioning = Arbitraries.frequency(
                Tuple.of(10, VmInfo.ProvisioningState.SUCCEEDED), Tuple.of(1, VmInfo.ProvisioningState.CREATING),
                Tuple.of(1, VmInfo.ProvisioningState.FAILED));
        // Around the ten-minute graces, and past the maximum ages; now and then no readable creation time.
        Arbitrary<Optional<Integer>> age = Arbitraries.frequency(
                        Tuple.of(3, Arbitraries.integers().between(0, 1_200)),
                        Tuple.of(2, Arbitraries.integers().between(3_600, 3 * 86_400)))
                .flatMap(ages -> ages)
                .optional(0.9);
        Arbitrary<Optional<String>> scope = Arbitraries.frequency(
                Tuple.of(3, Optional.<String>empty()), Tuple.of(6, Optional.of(HERE.toString())),
                Tuple.of(1, Optional.of("OCTO/App")), Tuple.of(1, Optional.of(OLD_REPO.toString())),
                Tuple.of(1, Optional.of(OLD_ORG.toString())));
        return Combinators.combine(tags, power, provisioning, age, scope, Arbitraries.of("rg-fleet", "rg-other"))
                .as(VmSlot::new);
    }

    private static Arbitrary<RegistrationSlot> registrationSlot() {
        Arbitrary<Label> labels = Arbitraries.frequency(Tuple.of(8, Label.POOL), Tuple.of(1, Label.POOL_UPPER_CASE),
                Tuple.of(2, Label.NONE));
        Arbitrary<RunnerScope> scopes = Arbitraries.frequency(Tuple.of(6, HERE), Tuple.of(1, OLD_REPO),
                Tuple.of(1, OLD_ORG));
        return Combinators.combine(Arbitraries.of(RunnerInfo.Status.ONLINE, RunnerInfo.Status.ONLINE,
                        RunnerInfo.Status.OFFLINE), Arbitraries.of(false, false, true), labels, scopes)
                .as(RegistrationSlot::new);
    }

    private static Arbitrary<PoolConfig> configs() {
        Arbitrary<String> policies = Arbitraries.of("fleet", "fleet:0s", "fleet:10m", "min-idle", "min-idle:0",
                "min-idle:3", "azlin");
        Arbitrary<int[]> sizes = Combinators.combine(Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 6), Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1))
                .as((min, extra, perRunner, up, down) -> new int[] {min, min + extra, perRunner, up, down});
        Arbitrary<Duration> cooldowns = Arbitraries.of(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(5));
        Arbitrary<Duration> idleTimeouts = Arbitraries.of(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(5));
        Arbitrary<Duration> maxAges = Arbitraries.of(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(24));
        Arbitrary<Integer> manualSize = Arbitraries.integers().between(0, 5).injectNull(0.75);
        Arbitrary<Boolean> enabled = Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false));
        return Combinators.combine(Arbitraries.of("ci", "Linux_Build"), policies, sizes, cooldowns, idleTimeouts,
                        maxAges, manualSize, enabled)
                .as((name, policy, size, cooldown, idleTimeout, maxAge, manual, on) -> new PoolConfig(name,
                        HERE.toString(), null, null, List.of("linux"), null, null,
                        new ScalingSettings(policy, size[0], size[1], size[2], size[3], size[4], cooldown, idleTimeout,
                                maxAge, null),
                        PoolConfig.Registration.TOKEN, null, null, null, on, manual));
    }
}
