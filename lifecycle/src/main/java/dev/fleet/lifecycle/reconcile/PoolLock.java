package dev.fleet.lifecycle.reconcile;

import dev.fleet.config.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One pool held by this process for a pass: an OS file lock, so it goes when the process dies however it dies. The
 * file says who holds it, for the message another process shows.
 */
public final class PoolLock implements AutoCloseable {
    /*
     * The locks this JVM holds. On POSIX systems closing any channel on a file drops every lock the process holds on
     * it, so a second attempt from this JVM must not even open the file.
     */
    private static final Map<Path, Holder> HELD = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 100;

    /** Who holds a pool, as its lock file says. */
    record Holder(FleetProcess process, Instant since) {
    }

    private final String pool;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private PoolLock(String pool, Path file, FileChannel channel, FileLock lock) {
        this.pool = pool;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    public String pool() {
        return pool;
    }

    /** Takes the pool's lock in {@code file}, trying again until {@code wait} has passed. */
    static PoolLock acquire(String pool, Path file, Duration wait, Holder holder) throws PoolLockedException {
        Path key = file.toAbsolutePath().normalize();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<PoolLock> lock = tryAcquire(pool, key, holder);
            if (lock.isPresent()) {
                return lock.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw locked(pool, key);
            }
            try {
                Thread.sleep(Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw locked(pool, key);
            }
        }
    }

    private static Optional<PoolLock> tryAcquire(String pool, Path file, Holder holder) {
        if (HELD.putIfAbsent(file, holder) != null) {
            return Optional.empty();
        }
        FileChannel channel = null;
        boolean acquired = false;
        try {
            OwnerOnlyFiles.createFolder(file.getParent());
            channel = open(file);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return Optional.empty();
            }
            byte[] content = StateFiles.bytes(holder);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(content), 0);
            acquired = true;
            return Optional.of(new PoolLock(pool, file, channel, lock));
        } catch (OverlappingFileLockException e) {
            // Held through a channel this JVM opened some other way; locked all the same.
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": " + reason(e, file), e);
        } finally {
            if (!acquired) {
                closeQuietly(channel);
                HELD.remove(file);
            }
        }
    }

    private static FileChannel open(Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            return FileChannel.open(file, options, ownerOnly);
        }
        return FileChannel.open(file, options);
    }

    /** What went wrong, without the path a {@link FileSystemException} repeats when it is the lock file itself. */
    private static String reason(IOException e, Path file) {
        if (!(e instanceof FileSystemException failure)) {
            return Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        }
        String reason = Objects.requireNonNullElse(failure.getReason(), e.getClass().getSimpleName());
        return failure.getFile() == null || file.toString().equals(failure.getFile()) ? reason : failure.getFile() + ": " + reason;
    }

    private static PoolLockedException locked(String pool, Path file) {
        Optional<Holder> holder = Optional.ofNullable(HELD.get(file)).or(() -> readHolder(file));
        String who = holder.map(h -> " (pid " + h.process().pid() + ", since " + h.since() + ")").orElse("");
        return new PoolLockedException(pool,
                "pool " + pool + " is being reconciled by another fleet process" + who);
    }

    private static Optional<Holder> readHolder(Path file) {
        try {
            return StateFiles.parse(Files.readAllBytes(file), Holder.class, file);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closing drops the lock; a channel that will not close has nothing left to give back.
        }
    }

    /** Lets the pool go; the lock file stays for the next holder. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // The channel's close below drops the lock all the same.
        } finally {
            closeQuietly(channel);
            HELD.remove(file);
        }
    }
}
