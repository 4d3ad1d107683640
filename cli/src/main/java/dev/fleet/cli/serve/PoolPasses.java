package dev.fleet.cli.serve;

import java.util.Map;

/** The passes {@code serve} runs, as the HTTP routes see them: ask for one, and read how the last ones went. */
public interface PoolPasses {
    /**
     * Asks for a pass of {@code pool} soon, without waiting for it. Requests made while the pool's pass runs
     * coalesce into one more pass after it, so a burst of events never runs two passes of a pool at once.
     *
     * @param why what asked, for the log (a webhook delivery, an API call)
     */
    void request(String pool, String why);

    /** The latest finished pass of each pool, by pool name; a pool not passed yet is absent. */
    Map<String, LastPass> latest();
}
