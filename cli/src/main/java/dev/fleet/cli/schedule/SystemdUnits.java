package dev.fleet.cli.schedule;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.cli.serve.ListenAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The user units fleet runs as: a oneshot service that runs reconcile, so a pass that outlasts the interval is not
 * started twice (systemd leaves an active unit running), and the timer that starts it; or the long-running service
 * of {@code fleet serve}, which reconciles every interval itself.
 *
 * @param fleet   this fleet's command line with its config file, absolute paths only; the units add the command
 * @param envFile where the services read their credentials from: no secret is ever written into a unit
 * @param home    the user's home, written {@code %h} in the units
 */
record SystemdUnits(List<String> fleet, Path envFile, Interval interval, Path home) {
    static final String SERVICE = "fleet-reconcile.service";
    static final String TIMER = "fleet-reconcile.timer";
    static final String SERVE = "fleet-serve.service";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    String service() {
        return String.join("\n",
                "[Unit]",
                "Description=fleet reconcile: size the GitHub Actions runner pools to their job queues",
                "",
                "[Service]",
                "Type=oneshot",
                "EnvironmentFile=" + path(envFile),
                execStart("reconcile"),
                "");
    }

    /*
     * Restart=on-failure brings back a server that died; a stop asked for is SIGTERM, after which the JVM exits 143,
     * which is success here. fleet serve lets a pass under way finish for up to 60 s after SIGTERM: TimeoutStopSec
     * leaves it that and more before systemd kills it.
     */
    String serve(ListenAddress listen) {
        return String.join("\n",
                "[Unit]",
                "Description=fleet serve: webhooks, API and metrics, and a reconcile of the GitHub Actions runner "
                        + "pools every " + interval.systemd(),
                "",
                "[Service]",
                "Type=exec",
                "EnvironmentFile=" + path(envFile),
                execStart("serve", "--listen", listen.toString(), "--interval",
                        DurationText.format(interval.duration())),
                "Restart=on-failure",
                "RestartSec=5s",
                "SuccessExitStatus=143",
                "TimeoutStopSec=90s",
                "",
                "[Install]",
                "WantedBy=default.target",
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

    private String execStart(String... command) {
        return "ExecStart=" + Stream.concat(fleet.stream(), Stream.of(command)).map(SystemdUnits::argument)
                .collect(Collectors.joining(" "));
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
