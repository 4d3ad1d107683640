package dev.fleet.cli.schedule;

import dev.fleet.config.ConfigLocation;
import java.util.Map;

/** What {@code fleet schedule} needs of the fleet above it: how it is started, with which config, and where. */
public interface ScheduledFleet {
    /** The command that starts this fleet, for the timer or the crontab line. */
    Launcher launcher();

    /** The config file this fleet uses now, which the timer names outright. */
    ConfigLocation configLocation();

    /** The environment fleet was started with: HOME and the XDG folders place the units and the credentials file. */
    Map<String, String> env();

    /** How {@code systemctl} is run. */
    ProcessRunner processes();
}
