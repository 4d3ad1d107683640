package dev.fleet.queue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The labels a pool's runners carry, folded to lower case because GitHub matches labels case-insensitively. The one
 * answer to "could this pool's runners take that job": the queue's tally asks it, and so does {@code serve} of a
 * job's webhook delivery.
 */
public record PoolLabels(Set<String> folded) {

    public PoolLabels {
        folded = folded.stream().map(PoolLabels::fold).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether one of the pool's runners could take a job whose {@code runs-on} names {@code jobLabels}: GitHub hands a
     * job only to a runner carrying every one of them. A job naming no label at all is nobody's: counting it would
     * have every pool claim it.
     */
    public boolean accepts(List<String> jobLabels) {
        return !jobLabels.isEmpty() && jobLabels.stream().allMatch(label -> folded.contains(fold(label)));
    }

    private static String fold(String label) {
        return label.toLowerCase(Locale.ROOT);
    }
}
