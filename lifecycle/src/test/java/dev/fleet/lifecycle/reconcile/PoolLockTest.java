package dev.fleet.lifecycle.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.testing.MutableClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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
        Files.createDirectories(file.getParent());
        Process holder = holdLockInAnotherProcess(file);
        try {
            assertThatThrownBy(() -> state().lock("ci", Duration.ZERO))
                    .isInstanceOf(PoolLockedException.class)
                    .hasMessage("pool ci is being reconciled by another fleet process (pid " + holder.pid()
                            + ", since 2026-11-23T11:00:00Z)");
        } finally {
            holder.destroyForcibly().waitFor();
        }

        try (PoolLock taken = state().lock("ci", Duration.ofSeconds(30))) {
            assertThat(taken.pool()).isEqualTo("ci");
        }
    }

    private Process holdLockInAnotherProcess(Path file) throws IOException {
        Path source = root.resolve("HoldLock.java");
        Files.writeString(source, """
                import java.nio.ByteBuffer;
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;

                public class HoldLock {
                    public static void main(String[] args) throws Exception {
                        FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
                        channel.lock();
                        String holder = "{\\"process\\":{\\"pid\\":" + ProcessHandle.current().pid()
                                + "},\\"since\\":\\"2026-11-23T11:00:00Z\\"}";
                        channel.write(ByteBuffer.wrap(holder.getBytes()), 0);
                        System.out.println("locked");
                        System.in.read();
                    }
                }
                """);
        Files.createFile(file);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, source.toString(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
        return process;
    }
}
