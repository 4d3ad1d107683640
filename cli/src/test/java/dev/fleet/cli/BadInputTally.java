package dev.fleet.cli;

import java.util.concurrent.atomic.AtomicInteger;

/** The figure of a bad-input suite: cases run, cases that exited 2 with the documented message, files changed. */
final class BadInputTally {
    private final String what;
    private final AtomicInteger cases = new AtomicInteger();
    private final AtomicInteger documented = new AtomicInteger();
    private final AtomicInteger changed = new AtomicInteger();

    BadInputTally(String what) {
        this.what = what;
    }

    void count(boolean exitedTwoWithItsLine, boolean changedAFile) {
        cases.incrementAndGet();
        if (exitedTwoWithItsLine) {
            documented.incrementAndGet();
        }
        if (changedAFile) {
            changed.incrementAndGet();
        }
    }

    void print() {
        System.out.printf("bad input (%s): %d cases, %d exited 2 with a one-line message, files changed: %d%n", what,
                cases.get(), documented.get(), changed.get());
    }
}
