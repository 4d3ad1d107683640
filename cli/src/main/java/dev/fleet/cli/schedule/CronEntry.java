package dev.fleet.cli.schedule;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The crontab line that runs reconcile. It takes no lock of its own: reconcile holds fleet's lock, so a pass that
 * outlasts the interval makes the next one wait or stop, not run beside it.
 *
 * @param command the reconcile command line, absolute paths only
 * @param envFile the credentials, exported to reconcile (cron passes almost no environment)
 */
record CronEntry(List<String> command, Path envFile, Interval interval) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@+=:,./-]+");

    String line() {
        return interval.cron() + " set -a; . " + word(envFile.toAbsolutePath().normalize().toString())
                + "; set +a; exec " + command.stream().map(CronEntry::word).collect(Collectors.joining(" "));
    }

    /** One word for sh, single-quoted unless plain; cron reads a % as a line break, so it is escaped. */
    static String word(String text) {
        String quoted = PLAIN.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
        return quoted.replace("%", "\\%");
    }
}
