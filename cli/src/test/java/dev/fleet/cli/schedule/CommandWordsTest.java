package dev.fleet.cli.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a command line is written into a systemd unit and into a crontab line, where each has its own expansions. */
class CommandWordsTest {
    @Test
    void systemdQuotesBlanksAndQuotesAndEscapesItsExpansions() {
        assertThat(SystemdUnits.argument("/opt/fleet/fleet")).isEqualTo("/opt/fleet/fleet");
        assertThat(SystemdUnits.argument("/home/ada/my fleet/fleet")).isEqualTo("\"/home/ada/my fleet/fleet\"");
        assertThat(SystemdUnits.argument("/srv/100%/a\"b\\c")).isEqualTo("\"/srv/100%%/a\\\"b\\\\c\"");
        assertThat(SystemdUnits.argument("/srv/$HOME/fleet")).isEqualTo("\"/srv/$$HOME/fleet\"");
    }

    @Test
    void cronSingleQuotesForTheShellAndEscapesItsPercent() {
        assertThat(CronEntry.word("/opt/fleet/fleet")).isEqualTo("/opt/fleet/fleet");
        assertThat(CronEntry.word("/home/ada/my fleet")).isEqualTo("'/home/ada/my fleet'");
        assertThat(CronEntry.word("/srv/it's")).isEqualTo("'/srv/it'\\''s'");
        assertThat(CronEntry.word("/srv/100%")).isEqualTo("'/srv/100\\%'");
    }
}
