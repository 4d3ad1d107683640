package dev.fleet.lifecycle;

import dev.fleet.config.PoolConfig;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Names new VMs {@code fleet-<stem>-<8 random characters>}, the stem being the pool's name in lower case with '-' for
 * '_' ({@link PoolConfig#nameStem}). The runner takes the same name, which is half of how a runner and its VM pair up
 * without a database; {@link PoolRunners} says the rest.
 */
final class VmNames {
    /** A Linux VM's name, and its host name, may be 64 characters at most. */
    static final int MAX_LENGTH = 64;
    private static final String PREFIX = "fleet-";
    private static final int SUFFIX_LENGTH = 8;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern SUFFIX = Pattern.compile("-[a-z0-9]{" + SUFFIX_LENGTH + "}");

    private VmNames() {
    }

    /** @throws IllegalArgumentException for a pool name longer than the config allows: the name would not fit */
    static String next(String pool) {
        if (pool.length() > PoolConfig.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("pool name " + pool + " is longer than " + PoolConfig.MAX_NAME_LENGTH
                    + " characters: its VM names would not fit");
        }
        StringBuilder name = new StringBuilder(stem(pool)).append('-');
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }

    /**
     * Whether {@code name} is one {@link #next} could have made for {@code pool}: the whole stem and then nothing but
     * the suffix, so pool "ci" never claims the runners of pool "ci-big".
     */
    static boolean isNameFor(String pool, String name) {
        String stem = stem(pool);
        return name.startsWith(stem) && SUFFIX.matcher(name.substring(stem.length())).matches();
    }

    private static String stem(String pool) {
        return PREFIX + PoolConfig.nameStem(pool);
    }
}
