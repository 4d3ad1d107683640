package dev.fleet.lifecycle.bootstrap;

import dev.fleet.config.PoolConfig.Registration;
import dev.fleet.github.Secret;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A place where {@code install-runner.sh} runs unchanged without root: stand-in sudo, useradd, chown,
 * systemctl and shutdown first on PATH, recording what they are asked; install root, unit folder and
 * run folder in a temp folder; and a fake runner tarball served over loopback HTTP.
 */
final class Sandbox implements AutoCloseable {
    static final String VERSION = "2.336.0";
    static final Secret SECRET = Secret.of("AABBCC-s3cr3t-registration-token");
    static final List<String> LABELS = List.of("self-hosted", "linux", "x64", "fleet-pool");

    final Path records;
    final Path installRoot;
    final Path unitDir;
    final Path runDir;
    final List<String> downloads = new CopyOnWriteArrayList<>();
    private final Path bin;
    private final byte[] tarball;
    private final HttpServer http;

    Sandbox(Path temp) throws IOException {
        bin = Files.createDirectories(temp.resolve("bin"));
        records = Files.createDirectories(temp.resolve("records"));
        installRoot = temp.resolve("opt/actions-runner");
        unitDir = Files.createDirectories(temp.resolve("etc/systemd/system"));
        runDir = temp.resolve("run/fleet-runner");
        copyStandIn("sudo", "sudo");
        copyStandIn("systemctl", "systemctl");
        for (String name : List.of("useradd", "chown", "shutdown")) {
            copyStandIn("record", name);
        }
        tarball = fakeRunnerTarball(Files.createDirectories(temp.resolve("tarball")));
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            downloads.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, tarball.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(tarball);
            }
        });
        http.start();
    }

    /** The variables the script's shell gets on top of the JVM's own. */
    Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("STANDIN_RECORDS", records.toString());
        env.put("FLEET_INSTALL_ROOT", installRoot.toString());
        env.put("FLEET_UNIT_DIR", unitDir.toString());
        env.put("FLEET_RUN_DIR", runDir.toString());
        env.putAll(extra);
        return env;
    }

    /**
     * The command line an sshd would hand to {@code /bin/sh -c} to run {@code command} in this sandbox:
     * bash with the sandbox's environment.
     */
    String shellCommandLine(String command, Map<String, String> extra) {
        StringBuilder line = new StringBuilder("/usr/bin/env");
        environment(extra).forEach((name, value) -> line.append(' ').append(InstallScript.quote(name + "=" + value)));
        return line.append(" /bin/bash -c ").append(InstallScript.quote(command)).toString();
    }

    RunnerSetup setup(Registration registration, String runnerGroup) {
        return setup(registration, LABELS, runnerGroup);
    }

    RunnerSetup setup(Registration registration, List<String> labels, String runnerGroup) {
        return setup(registration, labels, runnerGroup, sha256());
    }

    /** A setup that holds the tarball to {@code sha256}, whatever the mirror serves. */
    RunnerSetup setupChecking(String sha256) {
        return setup(Registration.TOKEN, LABELS, null, sha256);
    }

    private RunnerSetup setup(Registration registration, List<String> labels, String runnerGroup, String sha256) {
        return new RunnerSetup("https://github.com/octo/repo", "fleet-vm-1", labels, runnerGroup, registration, SECRET,
                VERSION, mirrorUrlTemplate(), sha256);
    }

    String mirrorUrlTemplate() {
        return "http://127.0.0.1:" + http.getAddress().getPort()
                + "/mirror/v{version}/actions-runner-linux-x64-{version}.tar.gz";
    }

    String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tarball));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean recorded(String name) {
        return Files.exists(records.resolve(name));
    }

    String record(String name) {
        try {
            return Files.readString(records.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> argv(String script) {
        return record(script + ".argv").lines().toList();
    }

    /** Every command line the stand-ins and the fake runner scripts were given. */
    String allCommandLines() throws IOException {
        try (Stream<Path> files = Files.list(records)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".args") || f.toString().endsWith(".argv")).toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private void copyStandIn(String resource, String name) throws IOException {
        Path target = bin.resolve(name);
        try (InputStream in = Sandbox.class.getResourceAsStream("/standins/" + resource)) {
            Files.copy(in, target);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private byte[] fakeRunnerTarball(Path dir) throws IOException {
        Path content = Files.createDirectories(dir.resolve("content"));
        for (String script : List.of("config.sh", "run.sh")) {
            try (InputStream in = Sandbox.class.getResourceAsStream("/standins/fake-runner")) {
                Files.copy(in, content.resolve(script));
            }
            Files.setPosixFilePermissions(content.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path archive = dir.resolve("runner.tar.gz");
        try {
            Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", content.toString(), ".")
                    .inheritIO().start();
            if (tar.waitFor() != 0) {
                throw new IOException("tar failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return Files.readAllBytes(archive);
    }
}
