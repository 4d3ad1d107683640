package dev.fleet.lifecycle;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names new VMs {@code fleet-<pool>-<8 random characters>}. The runner takes the same name, which is how a runner and
 * its VM pair up without a database.
 */
final class VmNames {
    /** A Linux VM's name, and its host name, may be 64 characters at most. */
    static final int MAX_LENGTH = 64;
    private static final String PREFIX = "fleet-";
    private static final int SUFFIX_LENGTH = 8;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private VmNames() {
    }

    /*
     * Pool names may hold capitals and underscores; Azure compares names without case and a Linux VM's name may not
     * hold an underscore. The pool part is cut so that the random suffix, which makes the name unique, always fits.
     */
    static String next(String pool) {
        String stem = PREFIX + pool.toLowerCase(Locale.ROOT).replace('_', '-');
        int room = MAX_LENGTH - 1 - SUFFIX_LENGTH;
        StringBuilder name = new StringBuilder(stem.substring(0, Math.min(stem.length(), room))).append('-');
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }
}
