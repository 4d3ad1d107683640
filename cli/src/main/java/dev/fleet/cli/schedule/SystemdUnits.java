package dev.fleet.cli.schedule;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The user units that run reconcile on a timer: a oneshot service, so a pass that outlasts the interval is not
 * started twice (systemd leaves an active unit running), and the timer that starts it.
 *
 * @param command the reconcile command line, absolute paths only
 * @param envFile where the service reads its credentials from
 * @param home    the user's home, written {@code %h} in the units
 */
record SystemdUnits(List<String> command, Path envFile, Interval interval, Path home) {
    static final String SERVICE = "fleet-reconcile.service";
    static final String TIMER = "fleet-reconcile.timer";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    String service() {
        return String.join("\n",
                "[Unit]",
                "Description=fleet reconcile: size the GitHub Actions runner pools to their job queues",
                "",
                "[Service]",
                "Type=oneshot",
                "EnvironmentFile=" + path(envFile),
                "ExecStart=" + command.stream().map(SystemdUnits::argument).collect(Collectors.joining(" ")),
                "");
    }

    /*
     * OnBootSec also starts the first pass at once when the timer is enabled after boot. Persistent= is left out: it
     * acts only on OnCalendar= timers (systemd.timer(5)); after downtime OnBootSec catches up instead. The default
     * AccuracySec of a minute would let a 2min interval stretch to 3.
     */
    String timer() {
        String span = interval.systemd();
        return String.join("\n",
                "[Unit]",
                "Description=Run fleet reconcile every " + span,
                "",
                "[Timer]",
                "OnBootSec=" + span,
                "OnUnitActiveSec=" + span,
                "AccuracySec=1s",
                "",
                "[Install]",
                "WantedBy=timers.target",
                "");
    }

    /** A path under the home as {@code %h/...}, so the unit reads as the user wrote it; specifiers escaped. */
    private String path(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(home) ? "%h/" + specifiers(home.relativize(absolute).toString())
                : specifiers(absolute.toString());
    }

    /** One ExecStart word: quoted when it holds blanks or quotes; systemd's % and $ expansions escaped. */
    static String argument(String word) {
        String escaped = specifiers(word).replace("$", "$$");
        if (PLAIN.matcher(word).matches()) {
            return escaped;
        }
        return "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String specifiers(String text) {
        return text.replace("%", "%%");
    }
}
