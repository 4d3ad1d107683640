package dev.fleet.lifecycle;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Names new VMs {@code fleet-<pool>-<8 random characters>}. The runner takes the same name, which is how a runner and
 * its VM pair up without a database.
 */
public final class VmNames {
    /** A Linux VM's name, and its host name, may be 64 characters at most. */
    static final int MAX_LENGTH = 64;
    private static final String PREFIX = "fleet-";
    private static final int SUFFIX_LENGTH = 8;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern SUFFIX = Pattern.compile("-[a-z0-9]{" + SUFFIX_LENGTH + "}");

    private VmNames() {
    }

    static String next(String pool) {
        StringBuilder name = new StringBuilder(stem(pool)).append('-');
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }

    /**
     * Whether {@code name} is one {@link #next} could have made for {@code pool}: the exact stem and then nothing but
     * the suffix, so pool "ci" never claims the runners of pool "ci-big".
     */
    public static boolean belongsTo(String pool, String name) {
        String stem = stem(pool);
        return name.startsWith(stem) && SUFFIX.matcher(name.substring(stem.length())).matches();
    }

    /*
     * Pool names may hold capitals and underscores; Azure compares names without case and a Linux VM's name may not
     * hold an underscore. The pool part is cut so that the random suffix, which makes the name unique, always fits.
     */
    private static String stem(String pool) {
        String stem = PREFIX + pool.toLowerCase(Locale.ROOT).replace('_', '-');
        return stem.substring(0, Math.min(stem.length(), MAX_LENGTH - 1 - SUFFIX_LENGTH));
    }
}
