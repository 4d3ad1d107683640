package dev.fleet.it.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file system of one fake VM, where {@code install-runner.sh} runs unchanged without root: stand-in sudo,
 * useradd, chown, systemctl and shutdown first on PATH, recording what they are asked (see
 * src/test/resources/standins), a curl that reaches loopback only, and the script's folders at their usual paths
 * below a folder that stands for the VM's root.
 */
public final class VmSandbox {
    static final String UNIT = "fleet-runner.service";
    /** The script's folders by the variable that moves each, at their defaults on a real VM. */
    private static final Map<String, String> FOLDERS = Map.of(
            "FLEET_INSTALL_ROOT", "/opt/actions-runner",
            "FLEET_UNIT_DIR", "/etc/systemd/system",
            "FLEET_RUN_DIR", "/run/fleet-runner");

    /** Stands for the VM's {@code /}: every folder the script writes to lies at its usual path below it. */
    private final Path root;
    private final Path bin;
    private final Path records;

    VmSandbox(Path root) throws IOException {
        this.root = root;
        this.bin = Files.createDirectories(root.resolve("fleet-harness/bin"));
        this.records = Files.createDirectories(root.resolve("fleet-harness/records"));
        Files.createDirectories(onVm(FOLDERS.get("FLEET_UNIT_DIR")));
        for (String name : List.of("sudo", "systemctl", "curl")) {
            install(name, name);
        }
        for (String name : List.of("useradd", "chown", "shutdown")) {
            install("record", name);
        }
    }

    /** The variables every command on this VM gets on top of the JVM's own. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("STANDIN_RECORDS", records.toString());
        FOLDERS.forEach((variable, folder) -> env.put(variable, onVm(folder).toString()));
        return env;
    }

    public Path installRoot() {
        return onVm(FOLDERS.get("FLEET_INSTALL_ROOT"));
    }

    /** The runner's systemd unit, once the install script wrote it. */
    public Path unitFile() {
        return onVm(FOLDERS.get("FLEET_UNIT_DIR")).resolve(UNIT);
    }

    /** Whether a stand-in recorded a call, e.g. {@code systemctl.args}. */
    public boolean recorded(String name) {
        return Files.exists(records.resolve(name));
    }

    /** What a stand-in recorded: its arguments, one call a line. */
    public String record(String name) {
        try {
            return Files.readString(records.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What systemd does when the runner's service stops (the ephemeral runner finished its job): runs the unit's
     * {@code ExecStopPost=} lines, each program found on this VM's PATH by its name, so the stand-in shutdown answers.
     *
     * @return whether a line asked the VM to power off
     */
    boolean stopUnit() throws IOException, InterruptedException {
        if (!Files.exists(unitFile())) {
            return false;
        }
        for (String line : Files.readAllLines(unitFile())) {
            if (line.startsWith("ExecStopPost=")) {
                // '+' (run as root) and the other prefixes change nothing here; the program is looked up by name.
                String command = line.substring("ExecStopPost=".length()).replaceFirst("^[-+@!:]*", "")
                        .replaceFirst("^\\S*/", "");
                ProcessBuilder stopPost = new ProcessBuilder("/bin/bash", "-c", command)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                stopPost.environment().putAll(environment());
                stopPost.start().waitFor();
            }
        }
        return recorded("shutdown.args");
    }

    private Path onVm(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    private void install(String resource, String name) throws IOException {
        Path target = bin.resolve(name);
        try (InputStream in = VmSandbox.class.getResourceAsStream("/standins/" + resource)) {
            Files.copy(in, target);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
