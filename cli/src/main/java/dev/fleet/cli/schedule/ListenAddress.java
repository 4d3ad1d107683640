package dev.fleet.cli.schedule;

import dev.fleet.cli.command.FleetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where {@code fleet serve} listens: a host name or address (IPv6 in brackets) and a TCP port. */
record ListenAddress(String host, int port) {
    static final String DEFAULT = "127.0.0.1:8080";
    private static final Pattern HOST_PORT = Pattern.compile("^([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]):([0-9]{1,5})$");

    ListenAddress {
        if (port < 1 || port > 65_535) {
            throw FleetException.badInput("--listen: the port must be between 1 and 65535, was " + port);
        }
    }

    static ListenAddress parse(String text) {
        Matcher matcher = HOST_PORT.matcher(text);
        if (!matcher.matches()) {
            throw FleetException.badInput("--listen: must be HOST:PORT like " + DEFAULT + " (an IPv6 address in "
                    + "brackets), was \"" + text + "\"");
        }
        return new ListenAddress(matcher.group(1), Integer.parseInt(matcher.group(2)));
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
