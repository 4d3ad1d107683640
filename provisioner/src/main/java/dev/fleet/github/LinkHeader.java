package dev.fleet.github;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code rel="next"} target of a {@code Link} header, as GitHub sends it for paginated lists. */
final class LinkHeader {
    private static final Pattern ENTRY = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]*)*)");
    /** {@code rel="a b"} or {@code rel=a}; a quoted value may hold several relation types. */
    private static final Pattern REL = Pattern.compile(";\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))");

    private LinkHeader() {
    }

    /** The URL marked {@code rel="next"}, or null on the last page or without a header. */
    static String next(String header) {
        if (header == null) {
            return null;
        }
        Matcher entry = ENTRY.matcher(header);
        while (entry.find()) {
            Matcher rel = REL.matcher(entry.group(2));
            while (rel.find()) {
                String types = rel.group(1) != null ? rel.group(1) : rel.group(2);
                if (Arrays.asList(types.strip().split("\\s+")).contains("next")) {
                    return entry.group(1);
                }
            }
        }
        return null;
    }
}
