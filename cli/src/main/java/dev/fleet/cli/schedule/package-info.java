/**
 * {@code fleet schedule}: runs {@code fleet reconcile} on a timer, as systemd user units or a crontab line, or
 * {@code fleet serve} as a systemd user service. It asks the fleet above it for what it needs through
 * {@link dev.fleet.cli.schedule.ScheduledFleet}, and offers the two outside-world seams that come with it:
 * {@link dev.fleet.cli.schedule.Launcher} (the command that starts fleet) and
 * {@link dev.fleet.cli.schedule.ProcessRunner} (how {@code systemctl} is run).
 */
package dev.fleet.cli.schedule;
