package dev.fleet.autoscaler.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-tick series of a run, kept to at most {@link #MAX_POINTS} points however long the run: each point stands for
 * a stride of consecutive ticks and shows the first of them, except that its queue is the longest seen in the stride,
 * so a burst between two kept ticks still shows on a chart. The stride doubles whenever the points would overflow.
 */
final class Series {
    static final int MAX_POINTS = 2_000;

    private final long[] at = new long[MAX_POINTS];
    private final int[] queued = new int[MAX_POINTS];
    private final int[] provisioning = new int[MAX_POINTS];
    private final int[] idle = new int[MAX_POINTS];
    private final int[] busy = new int[MAX_POINTS];
    private int size;
    private int stride = 1;
    private int ticksInLast;

    void add(long atMillis, int queuedJobs, int provisioningVms, int idleVms, int busyVms) {
        if (size > 0 && ticksInLast < stride) {
            queued[size - 1] = Math.max(queued[size - 1], queuedJobs);
            ticksInLast++;
            return;
        }
        if (size == MAX_POINTS) {
            halve();
        }
        at[size] = atMillis;
        queued[size] = queuedJobs;
        provisioning[size] = provisioningVms;
        idle[size] = idleVms;
        busy[size] = busyVms;
        size++;
        ticksInLast = 1;
    }

    /** Merges neighbours pairwise; every point is full when this runs, so each merged point is a full double stride. */
    private void halve() {
        for (int i = 0; i < MAX_POINTS / 2; i++) {
            at[i] = at[2 * i];
            queued[i] = Math.max(queued[2 * i], queued[2 * i + 1]);
            provisioning[i] = provisioning[2 * i];
            idle[i] = idle[2 * i];
            busy[i] = busy[2 * i];
        }
        size = MAX_POINTS / 2;
        stride *= 2;
        ticksInLast = stride;
    }

    List<SeriesPoint> points() {
        List<SeriesPoint> points = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            points.add(new SeriesPoint(Duration.ofMillis(at[i]), queued[i], provisioning[i], idle[i], busy[i]));
        }
        return points;
    }
}
