package dev.fleet.it.cloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every secret the fake cloud handed out or fleet was given in this JVM, and everything fleet produced that a person or
 * a log could see: its processes' stdout and stderr, the files it left in a world's config, state and home folders,
 * and what it made the fake VMs run (command lines, the environment sent over SSH, the arguments the install script
 * gave the stand-ins). {@link #scan} looks for each secret in each of them.
 */
public final class SecretLedger {
    /** No secret of the harness is shorter; a shorter string would also match by chance. */
    static final int MIN_LENGTH = 16;
    /** Any private key in PEM or OpenSSH form, whatever made it: fleet's VMs' admin keys never leave fleet's memory. */
    private static final String PRIVATE_KEY_MARKER = "PRIVATE KEY-----";

    /** One place something fleet produced was found to hold a secret; never the secret itself. */
    public record Hit(String secretKind, String source, int offset) {
    }

    /** What a scan looked at and found; {@code secrets} counts the secrets tracked by kind. */
    public record Scan(Map<String, Long> secrets, long bytes, int sources, List<Hit> hits) {
    }

    private static final Map<String, String> SECRETS = new LinkedHashMap<>();
    private static final List<Map.Entry<String, String>> PRODUCED = new ArrayList<>();

    private SecretLedger() {
    }

    /** A secret to look for, e.g. a registration token the fake GitHub issued. */
    public static synchronized void track(String kind, String secret) {
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a " + kind + " shorter than " + MIN_LENGTH + " characters");
        }
        SECRETS.putIfAbsent(secret, kind);
    }

    /** Something fleet produced, named by where it came from. */
    public static synchronized void produced(String source, String text) {
        PRODUCED.add(Map.entry(source, text));
    }

    /** Every regular file below {@code folder}, each as one source; bytes read as ISO-8859-1, one char a byte. */
    static void producedFiles(String world, Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                produced(world + ":" + folder.relativize(file),
                        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Looks for every secret tracked so far, and for any private key, in everything produced so far. */
    public static synchronized Scan scan() {
        Map<String, List<String>> byPrefix = new HashMap<>();
        SECRETS.keySet().forEach(secret -> byPrefix.computeIfAbsent(secret.substring(0, MIN_LENGTH),
                prefix -> new ArrayList<>()).add(secret));
        List<Hit> hits = new ArrayList<>();
        long bytes = 0;
        for (Map.Entry<String, String> produced : PRODUCED) {
            String text = produced.getValue();
            bytes += text.length();
            for (int at = 0; at + MIN_LENGTH <= text.length(); at++) {
                for (String secret : byPrefix.getOrDefault(text.substring(at, at + MIN_LENGTH), List.of())) {
                    if (text.startsWith(secret, at)) {
                        hits.add(new Hit(SECRETS.get(secret), produced.getKey(), at));
                    }
                }
            }
            int marker = text.indexOf(PRIVATE_KEY_MARKER);
            if (marker >= 0) {
                hits.add(new Hit("private key", produced.getKey(), marker));
            }
        }
        Map<String, Long> kinds = SECRETS.values().stream()
                .collect(Collectors.groupingBy(kind -> kind, LinkedHashMap::new, Collectors.counting()));
        return new Scan(kinds, bytes, PRODUCED.size(), hits);
    }
}
