package dev.fleet.cli.schedule;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The file the scheduled reconcile and fleet serve read their credentials from. fleet creates it owner-only with
 * commented placeholders and never writes a value into it: the user puts the secrets there, and nothing else reads
 * them.
 */
final class EnvFile {
    static final String TEMPLATE = String.join("\n",
            "# Credentials for fleet's scheduled reconcile and for fleet serve: systemd reads this file",
            "# (EnvironmentFile=), the crontab line sources it. Keep it owner-only (chmod 600). One NAME=value a",
            "# line; uncomment what your config needs.",
            "#",
            "# GitHub, for github.auth \"token\": a token that may administer the pools' runners (see fleet's README).",
            "#GITHUB_TOKEN=",
            "#",
            "# Azure, for azure.credential \"environment\": a service principal.",
            "#AZURE_TENANT_ID=",
            "#AZURE_CLIENT_ID=",
            "#AZURE_CLIENT_SECRET=",
            "#",
            "# The subscription, when the config has no azure.subscriptionId.",
            "#AZURE_SUBSCRIPTION_ID=",
            "#",
            "# fleet serve: the secret GitHub signs webhook deliveries with (the one 'github-runner enable",
            "# --webhook-url' was given), and the bearer token its REST API asks for.",
            "#FLEET_WEBHOOK_SECRET=",
            "#FLEET_API_TOKEN=",
            "");
    private static final Set<PosixFilePermission> SHARED = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private EnvFile() {
    }

    /** Creates the file, mode 0600 from its first moment, unless it exists; says whether it did. */
    static boolean ensure(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            channel.write(ByteBuffer.wrap(TEMPLATE.getBytes(StandardCharsets.UTF_8)));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Whether users other than its owner may read the file. */
    static boolean readableByOthers(Path file) throws IOException {
        return Files.getPosixFilePermissions(file).stream().anyMatch(SHARED::contains);
    }
}
