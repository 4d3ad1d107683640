package dev.fleet.lifecycle.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Another fleet process on this machine, as far as the state folder can tell: a JVM that holds a pool's lock file, the
 * way {@link PoolLock} does, until it is killed.
 */
final class OtherFleetProcess implements AutoCloseable {
    private final Process process;

    private OtherFleetProcess(Process process) {
        this.process = process;
    }

    /** Starts one that creates {@code lockFile}, locks it and writes itself in as the holder since {@code since}. */
    static OtherFleetProcess holding(Path lockFile, String since) throws IOException {
        Path source = Files.createTempDirectory("fleet-other-").resolve("HoldLock.java");
        Files.writeString(source, """
                import java.nio.ByteBuffer;
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;

                public class HoldLock {
                    public static void main(String[] args) throws Exception {
                        FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE);
                        channel.lock();
                        String holder = "{\\"process\\":{\\"pid\\":" + ProcessHandle.current().pid()
                                + "},\\"since\\":\\"" + args[1] + "\\"}";
                        channel.write(ByteBuffer.wrap(holder.getBytes()), 0);
                        System.out.println("locked");
                        System.in.read();
                    }
                }
                """);
        Files.createDirectories(lockFile.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, source.toString(), lockFile.toString(), since)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
        return new OtherFleetProcess(process);
    }

    long pid() {
        return process.pid();
    }

    /** Marks {@code vmName} of {@code pool} as being installed by this process, as its pass would. */
    void installing(StateFolder state, String pool, String vmName) {
        ProcessHandle handle = process.toHandle();
        FleetProcess self = new FleetProcess(handle.pid(), handle.info().startInstant().orElse(null));
        Path record = state.root().resolve("pools").resolve(pool).resolve("bootstrapping").resolve(vmName);
        try {
            Files.createDirectories(record.getParent());
            Files.write(record, StateFiles.bytes(self));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}
