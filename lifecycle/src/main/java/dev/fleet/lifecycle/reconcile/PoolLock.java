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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
final class PoolLock implements AutoCloseable {
    /*
     * The locks this JVM holds. On POSIX systems closing any channel on a file drops every lock the process holds on
     * it, so a second attempt from this JVM must not even open the file.
     */
    private static final Map<Path, Holder> HELD = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 100;
    /** A lock file that is replaced every time it is locked is not a lock file anyone can hold. */
    private static final int LOCK_ATTEMPTS = 3;
    private static final Object NO_FILE_KEY = new Object();

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

    String pool() {
        return pool;
    }

    /** Opens a lock file, making it if it is missing. */
    @FunctionalInterface
    interface Opener {
        FileChannel open(Path file) throws IOException;
    }

    /** Takes the pool's lock in {@code file}, trying again until {@code wait} has passed. */
    static PoolLock acquire(String pool, Path file, Duration wait, Holder holder) throws PoolLockedException {
        return acquire(pool, file, wait, holder, PoolLock::open);
    }

    static PoolLock acquire(String pool, Path file, Duration wait, Holder holder, Opener opener)
            throws PoolLockedException {
        Path key = file.toAbsolutePath().normalize();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<PoolLock> lock = tryAcquire(pool, key, holder, opener);
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

    private static Optional<PoolLock> tryAcquire(String pool, Path file, Holder holder, Opener opener) {
        if (HELD.putIfAbsent(file, holder) != null) {
            return Optional.empty();
        }
        FileChannel channel = null;
        boolean acquired = false;
        try {
            OwnerOnlyFiles.createFolder(file.getParent());
            for (int attempt = 1; ; attempt++) {
                Optional<Object> opened = identity(file);
                channel = opener.open(file);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    return Optional.empty();
                }
                /*
                 * The lock is worth something only on the file the path names now. One deleted or replaced between
                 * the look and the lock (a state folder deleted and made anew) is a file no other process will lock:
                 * holding it would let a second holder in. A file missing at the look has just been made: look again.
                 */
                if (opened.isPresent() && opened.equals(identity(file))) {
                    byte[] content = StateFiles.bytes(holder);
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(content), 0);
                    acquired = true;
                    return Optional.of(new PoolLock(pool, file, channel, lock));
                }
                closeQuietly(channel);
                channel = null;
                if (attempt == LOCK_ATTEMPTS) {
                    throw new IOException("it was replaced each time it was locked, " + LOCK_ATTEMPTS + " times");
                }
            }
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

    /**
     * Which file {@code file} names: device and inode on Unix, a constant where the file system tells none (the check
     * then passes); empty when there is no file. Read from the path, never by opening it: closing any channel on a
     * file drops the locks this process holds on it.
     */
    private static Optional<Object> identity(Path file) throws IOException {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return Optional.of(key == null ? NO_FILE_KEY : key);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    static FileChannel open(Path file) throws IOException {
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
