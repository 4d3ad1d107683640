package dev.fleet.lifecycle.reconcile;

import dev.fleet.lifecycle.IntentJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The reconciler's run state under {@code $XDG_STATE_HOME/fleet}: per pool the last scaling action (for cooldowns),
 * the last pass (for {@code status}), when each runner was first seen online and the VMs being bootstrapped, and one
 * lock file per pool. Every file is
 * replaced atomically and readable by its owner only; a file that does not parse counts as absent.
 *
 * <pre>
 * pools/&lt;pool&gt;/last-scaling-action.json
 * pools/&lt;pool&gt;/last-pass.json
 * pools/&lt;pool&gt;/online-since.json
 * pools/&lt;pool&gt;/bootstrapping/&lt;vm-name&gt;
 * locks/&lt;pool&gt;.lock
 * </pre>
 */
public final class StateFolder {
    private static final String BOOTSTRAPPING = "bootstrapping";
    /** A pool's name becomes a file name, so it must stay one: the config allows no more than this either. */
    private static final Pattern POOL_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    /** What {@code last-scaling-action.json} holds. */
    record ScalingAction(Instant at) {
    }

    /** What {@code online-since.json} holds: each runner online at the last pass, and since when it was seen so. */
    record OnlineSince(Map<String, Instant> runners) {
    }

    private final Path root;
    private final Clock clock;

    /** @param root the folder, e.g. {@code XdgBase.STATE.fleetFolder(env)}; made when first written to */
    public StateFolder(Path root) {
        this(root, Clock.systemUTC());
    }

    /** @param clock says since when a lock is held */
    StateFolder(Path root, Clock clock) {
        this.root = Objects.requireNonNull(root, "root");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Path root() {
        return root;
    }

    Optional<Instant> lastScalingAction(String pool) {
        return StateFiles.read(poolFolder(pool).resolve("last-scaling-action.json"), ScalingAction.class)
                .map(ScalingAction::at);
    }

    void recordScalingAction(String pool, Instant at) {
        StateFiles.write(poolFolder(pool).resolve("last-scaling-action.json"), new ScalingAction(at));
    }

    /** The pool's last pass that held its lock: what {@code status} shows. */
    public Optional<PassSummary> lastPass(String pool) {
        return StateFiles.read(poolFolder(pool).resolve("last-pass.json"), PassSummary.class);
    }

    void recordPass(String pool, PassSummary pass) {
        StateFiles.write(poolFolder(pool).resolve("last-pass.json"), pass);
    }

    /** When each of the pool's runners was first seen online, as the last pass that held the lock recorded it. */
    Map<String, Instant> onlineSince(String pool) {
        return StateFiles.read(poolFolder(pool).resolve("online-since.json"), OnlineSince.class)
                .map(OnlineSince::runners)
                .orElse(Map.of());
    }

    void recordOnlineSince(String pool, Map<String, Instant> runners) {
        StateFiles.write(poolFolder(pool).resolve("online-since.json"), new OnlineSince(runners));
    }

    /**
     * Takes the pool for this process, waiting up to {@code wait} while another holds it. The lock goes with the
     * process however it ends, so a killed pass never keeps a pool locked.
     *
     * @throws PoolLockedException when another process (or another pass of this one) still holds it after the wait
     */
    PoolLock lock(String pool, Duration wait) throws PoolLockedException {
        return PoolLock.acquire(pool, root.resolve("locks").resolve(fileName(pool) + ".lock"), wait,
                new PoolLock.Holder(FleetProcess.current(), clock.instant()));
    }

    /**
     * The pool's record of the VMs fleet processes are provisioning, one file a VM naming the process, which
     * {@link #bootstrapping} reads back.
     */
    IntentJournal journal(String pool) {
        Path folder = bootstrappingFolder(pool);
        return new IntentJournal() {
            @Override
            public void record(String vmName) {
                StateFiles.write(folder.resolve(vmName), FleetProcess.current());
            }

            @Override
            public void clear(String vmName) {
                StateFiles.delete(folder.resolve(vmName));
            }
        };
    }

    /** Every VM some process marked as being provisioned and has not cleared, readable or not. */
    List<BootstrapRecord> bootstrapping(String pool) {
        Path folder = bootstrappingFolder(pool);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted()
                    .map(file -> new BootstrapRecord(file.getFileName().toString(),
                            StateFiles.read(file, FleetProcess.class)))
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private Path bootstrappingFolder(String pool) {
        return poolFolder(pool).resolve(BOOTSTRAPPING);
    }

    private Path poolFolder(String pool) {
        return root.resolve("pools").resolve(fileName(pool));
    }

    private static String fileName(String pool) {
        if (!POOL_NAME.matcher(pool).matches()) {
            throw new IllegalArgumentException("not a pool name: " + pool);
        }
        return pool;
    }
}
