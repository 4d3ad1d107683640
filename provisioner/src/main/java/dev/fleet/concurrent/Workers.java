package dev.fleet.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The two things every pool of fleet's worker threads needs: how its threads are made, and how a result comes back. */
public final class Workers {
    private Workers() {
    }

    /**
     * Daemon threads named {@code prefix-1}, {@code prefix-2}, ..., so a thread dump says whose they are. Daemons,
     * since a CLI told to stop should not wait for one; what they leave undone, the next pass repairs.
     */
    public static ThreadFactory daemons(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The task's result, or what the task threw, rethrown as it was thrown (for its type and its stack trace), as if
     * the task had run on the caller's thread.
     */
    public static <T> T result(Future<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
