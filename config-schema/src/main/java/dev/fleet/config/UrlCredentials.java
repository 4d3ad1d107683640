package dev.fleet.config;

import java.util.regex.Pattern;

/**
 * Credentials in a URL's authority ({@code https://user:password@host/}). A URL travels into logs, onto command lines
 * and into output, so fleet takes none that holds them, and blanks them in any text that shows one.
 */
public final class UrlCredentials {
    /** A scheme, then an authority holding an {@code @}: everything before its last {@code @} is user information. */
    private static final Pattern URL_WITH_USER_INFO = Pattern.compile("(?i)^\\s*[a-z][a-z0-9+.-]*://[^/?#]*@");
    /** The same within text, where the URL ends at white space. */
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#\\s]*@");
    private static final String MASK = "***@";

    private UrlCredentials() {
    }

    /** Whether {@code url} holds user information, well-formed or not. */
    public static boolean present(String url) {
        return url != null && URL_WITH_USER_INFO.matcher(url).find();
    }

    /** {@code text} with the user information of every URL in it replaced by {@code ***}. */
    public static String redact(String text) {
        return USER_INFO.matcher(text).replaceAll("$1" + MASK);
    }
}
