package dev.fleet.lifecycle.plan;

import dev.fleet.autoscaler.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether a runner that reads idle may be removed for idleness (idle timeout, scale-down, rotation, drain). GitHub's
 * {@code busy} flag reads false for 25 to 60 seconds after a job is given to a runner, and now and then in the middle
 * of a job; a runner removed then takes its job down with it. So a runner stays while a queued or in-progress job of
 * the pool's repositories names it, and until it has been online for the confirmation window. Pure.
 *
 * @param runnerJobs  each runner a queued or in-progress job names, with the job's id
 * @param onlineSince when each runner online now was first seen online
 * @param window      how long a runner must have been online before its idleness is believed
 */
record IdleCheck(Map<String, Long> runnerJobs, Map<String, Instant> onlineSince, Duration window, Instant now) {

    IdleCheck {
        runnerJobs = Map.copyOf(runnerJobs);
        onlineSince = Map.copyOf(onlineSince);
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(now, "now");
    }

    /** Why {@code member} stays though it reads idle; empty when it may go. */
    Optional<String> doubt(Classified member) {
        if (!readsIdle(member)) {
            return Optional.empty();
        }
        Long job = runnerJobs.get(member.name());
        if (job != null) {
            return Optional.of("job " + job + " names it");
        }
        Instant since = onlineSince.getOrDefault(member.name(), now);
        return Duration.between(since, now).compareTo(window) < 0
                ? Optional.of("online for less than " + DurationText.format(window))
                : Optional.empty();
    }

    /** Online and not busy, as GitHub lists it: the runners whose idleness is in doubt. */
    static boolean readsIdle(Classified member) {
        return member.member().online() && !member.member().busy();
    }

    /**
     * When each runner online now was first seen online: as {@code recorded}, or {@code now} for one no pass has seen
     * online before. A runner no longer online drops out, so one that comes back online is confirmed anew.
     *
     * <p>fleet keeps no database, and GitHub tells no time a runner came online; a VM's creation (or boot) time is not
     * it either, since the runner is installed over SSH after the VM boots. What a pass saw is what fleet knows, at the
     * cost of at most one pass interval late, which only keeps a runner longer; and a lost record keeps it longer too.
     */
    static Map<String, Instant> onlineSince(Map<String, Instant> recorded, List<Classified> members, Instant now) {
        Map<String, Instant> seen = new TreeMap<>();
        members.stream().filter(member -> member.member().online())
                .forEach(member -> seen.put(member.name(), recorded.getOrDefault(member.name(), now)));
        return seen;
    }
}
