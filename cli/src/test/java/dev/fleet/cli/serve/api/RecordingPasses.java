package dev.fleet.cli.serve.api;

import dev.fleet.cli.serve.LastPass;
import dev.fleet.cli.serve.PoolPasses;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Passes asked for, noted as {@code pool: why} and never run. */
public final class RecordingPasses implements PoolPasses {
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void request(String pool, String why) {
        requests.add(pool + ": " + why);
    }

    @Override
    public Map<String, LastPass> latest() {
        return Map.of();
    }
}
