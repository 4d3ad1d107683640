package dev.fleet.config;

import java.util.regex.Pattern;

/**
 * Text that came from outside fleet (GitHub's error messages, runner names and labels, the lines a VM's install script
 * prints), made safe to show on a terminal or write to a log line. A terminal obeys escape sequences and control
 * characters, so such text could otherwise clear the screen, rewrite earlier lines, set the window title or hide what
 * follows. Line breaks and tabs stay; every other C0 and C1 control character goes, and with ESC the whole sequence it
 * starts.
 */
public final class OutsideText {
    /**
     * An escape sequence: CSI ({@code ESC [ ... final}), OSC and the other string sequences up to their terminator
     * (BEL or {@code ESC \}) or the end of the text, or ESC with its intermediate and final bytes.
     */
    private static final Pattern ESCAPE_SEQUENCE = Pattern.compile(
            "\u001B(?:\\[[0-?]*[ -/]*[@-~]?|[\\]PX^_][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|[ -/]*[0-~]?)");
    private static final Pattern CONTROL = Pattern.compile("[\u0000-\u0008\u000B-\u001F\u007F-\u009F]");

    private OutsideText() {
    }

    /** {@code text} without escape sequences and control characters other than line feed and tab; null stays null. */
    public static String printable(String text) {
        if (text == null || text.chars().noneMatch(OutsideText::isControl)) {
            return text;
        }
        return CONTROL.matcher(ESCAPE_SEQUENCE.matcher(text).replaceAll("")).replaceAll("");
    }

    private static boolean isControl(int c) {
        return c < 0x20 && c != '\n' && c != '\t' || c >= 0x7F && c <= 0x9F;
    }
}
