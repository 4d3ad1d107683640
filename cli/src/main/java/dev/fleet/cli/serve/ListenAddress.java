package dev.fleet.cli.serve;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where {@code serve} listens: {@code HOST:PORT}, {@code [IPv6]:PORT} or {@code :PORT} (every interface). Whether it
 * is loopback decides whether reading the API needs the token too.
 */
public record ListenAddress(String host, int port) {
    private static final String RULE = "HOST:PORT, [IPV6]:PORT or :PORT, with a port from 0 to 65535";

    public ListenAddress {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("must be " + RULE + ", was port " + port);
        }
    }

    /** @throws IllegalArgumentException naming the rule, when {@code text} is not an address to listen on */
    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("must be " + RULE + ", was '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 address goes in brackets: must be " + RULE + ", was '" + text + "'");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be " + RULE + ", was '" + text + "'");
        }
        return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    }

    /** @throws IllegalArgumentException when the host name does not resolve */
    public InetSocketAddress socketAddress() {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host " + host + " does not resolve");
        }
    }

    /** Only this machine can connect: every address the host name resolves to is a loopback one. */
    public boolean loopback() {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
