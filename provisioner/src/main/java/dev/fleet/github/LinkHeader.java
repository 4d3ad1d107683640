package dev.fleet.github;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code rel="next"} target of a {@code Link} header, as GitHub sends it for paginated lists. */
final class LinkHeader {
    private static final Pattern ENTRY = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]*)*)");
    private static final Pattern NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*\\s)?next(\\s[^\";]*)?\"?");

    private LinkHeader() {
    }

    /** The URL marked {@code rel="next"}, or null on the last page or without a header. */
    static String next(String header) {
        if (header == null) {
            return null;
        }
        Matcher entry = ENTRY.matcher(header);
        while (entry.find()) {
            if (NEXT.matcher(entry.group(2)).find()) {
                return entry.group(1);
            }
        }
        return null;
    }
}
