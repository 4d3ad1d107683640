package dev.fleet.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The heading fleet prints above an invalid config's problems: {@code fleet: FILE: N problem(s)}. */
final class ConfigHeading {
    private static final Pattern HEADING = Pattern.compile("^fleet: .+: (\\d+) problems?$");

    private ConfigHeading() {
    }

    /** How many problem lines follow {@code line}: N for a heading, 0 for any other error line. */
    static int problems(String line) {
        Matcher heading = HEADING.matcher(line);
        return heading.matches() ? Integer.parseInt(heading.group(1)) : 0;
    }
}
