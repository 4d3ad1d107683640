package dev.fleet.lifecycle.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.testing.MutableClock;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolLockTest {
    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock();

    private StateFolder state() {
        return new StateFolder(root, clock);
    }

    @Test
    void aSecondHolderIsToldWhoHoldsThePoolAndSinceWhen() throws Exception {
        StateFolder state = state();

        try (PoolLock first = state.lock("ci", Duration.ZERO)) {
            clock.advance(Duration.ofMinutes(3));
            assertThatThrownBy(() -> state().lock("ci", Duration.ZERO))
                    .isInstanceOf(PoolLockedException.class)
                    .hasMessage("pool ci is being reconciled by another fleet process (pid "
                            + ProcessHandle.current().pid() + ", since 2026-11-23T12:00:00Z)")
                    .extracting(e -> ((PoolLockedException) e).pool()).isEqualTo("ci");
            assertThat(first.pool()).isEqualTo("ci");
        }
    }

    @Test
    void aPoolIsFreeAgainOnceItsHolderLetsGo() throws Exception {
        StateFolder state = state();
        state.lock("ci", Duration.ZERO).close();

        try (PoolLock again = state.lock("ci", Duration.ZERO)) {
            assertThat(again.pool()).isEqualTo("ci");
        }
    }

    @Test
    void poolsAreLockedEachOnTheirOwn() throws Exception {
        StateFolder state = state();

        try (PoolLock ci = state.lock("ci", Duration.ZERO); PoolLock docs = state.lock("docs", Duration.ZERO)) {
            assertThat(List.of(ci.pool(), docs.pool())).containsExactly("ci", "docs");
        }
    }

    @Test
    void givesUpWhenThePoolIsStillHeldAfterTheWait() throws Exception {
        StateFolder state = state();

        PoolLock held = state.lock("ci", Duration.ZERO);

        try (held) {
            assertThatThrownBy(() -> state.lock("ci", Duration.ofMillis(300)))
                    .isInstanceOf(PoolLockedException.class);
        }
    }

    @Test
    void waitsForAHolderThatLetsGoWithinTheWait() throws Exception {
        StateFolder state = state();
        PoolLock held = state.lock("ci", Duration.ZERO);

        CompletableFuture<PoolLock> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return state.lock("ci", Duration.ofSeconds(30));
            } catch (PoolLockedException e) {
                throw new AssertionError(e);
            }
        });
        held.close();

        try (PoolLock taken = waiting.get(30, TimeUnit.SECONDS)) {
            assertThat(taken.pool()).isEqualTo("ci");
        }
    }

    @Test
    void anInterruptedWaitGivesUpAndKeepsTheInterrupt() throws Exception {
        StateFolder state = state();

        PoolLock held = state.lock("ci", Duration.ZERO);

        try (held) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> state.lock("ci", Duration.ofSeconds(30))).isInstanceOf(PoolLockedException.class);
            assertThat(Thread.interrupted()).isTrue();
        }
    }

    @Test
    void aLockThisJvmTookThroughAnotherChannelCountsAsHeld() throws Exception {
        Path file = root.resolve("locks/ci.lock");
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.lock();
            assertThatThrownBy(() -> state().lock("ci", Duration.ZERO))
                    .isInstanceOf(PoolLockedException.class)
                    .hasMessage("pool ci is being reconciled by another fleet process");
        }
    }

    @Test
    void theLockFileIsTheOwnersOnlyAndNamesTheHolder() throws Exception {
        PoolLock held = state().lock("ci", Duration.ZERO);
        try (held) {
            Path file = root.resolve("locks/ci.lock");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Files.readString(file)).contains("\"pid\":" + ProcessHandle.current().pid(),
                    "\"since\":\"2026-11-23T12:00:00Z\"");
        }
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        PoolLock lock = state().lock("ci", Duration.ZERO);
        lock.close();
        lock.close();

        state().lock("ci", Duration.ZERO).close();
    }

    /** The lock is the operating system's: another process's holds, and goes with it when it is killed. */
    @Test
    void aPoolAnotherProcessHoldsIsLockedUntilThatProcessIsKilled() throws Exception {
        Path file = root.resolve("locks/ci.lock");
        try (OtherFleetProcess holder = OtherFleetProcess.holding(file, "2026-11-23T11:00:00Z")) {
            assertThatThrownBy(() -> state().lock("ci", Duration.ZERO))
                    .isInstanceOf(PoolLockedException.class)
                    .hasMessage("pool ci is being reconciled by another fleet process (pid " + holder.pid()
                            + ", since 2026-11-23T11:00:00Z)");
        }

        try (PoolLock taken = state().lock("ci", Duration.ofSeconds(30))) {
            assertThat(taken.pool()).isEqualTo("ci");
        }
    }

    /*
     * A lock file replaced between this process opening it and locking it (a state folder deleted and made anew, and
     * another process locking the new file) would leave two holders: one of a file nobody else sees.
     */
    @Test
    void aLockFileReplacedWhileBeingLockedIsLockedAnewAndFoundHeld() throws Exception {
        Path file = root.resolve("locks/ci.lock");
        Files.createDirectories(file.getParent());
        Files.createFile(file);
        List<OtherFleetProcess> others = new ArrayList<>();
        PoolLock.Opener replacing = path -> {
            FileChannel opened = PoolLock.open(path);
            if (others.isEmpty()) {
                Files.delete(path);
                others.add(OtherFleetProcess.holding(path, "2026-11-23T11:00:00Z"));
            }
            return opened;
        };
        try {
            assertThatThrownBy(() -> PoolLock.acquire("ci", file, Duration.ZERO,
                    new PoolLock.Holder(FleetProcess.current(), clock.instant()), replacing))
                    .isInstanceOf(PoolLockedException.class)
                    .hasMessage("pool ci is being reconciled by another fleet process (pid " + others.get(0).pid()
                            + ", since 2026-11-23T11:00:00Z)");
        } finally {
            for (OtherFleetProcess other : others) {
                other.close();
            }
        }
    }
}
