package dev.fleet.lifecycle.bootstrap;

import java.time.Duration;

/** Waits between connection attempts; tests pass one that moves a fake clock instead. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
