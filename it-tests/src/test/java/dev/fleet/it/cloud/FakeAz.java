package dev.fleet.it.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A stand-in {@code az} for {@code azure.credential: cli}. azure-identity 1.18's AzureCliCredential runs
 * {@code /bin/sh -c "az account get-access-token --output json --resource <resource>[ --tenant <t>]"} with the JVM's
 * own PATH, in {@code /bin/}, stdin from /dev/null and stderr merged into stdout; it reads {@code accessToken} and
 * {@code expires_on} (epoch seconds; {@code expiresOn}, local time {@code yyyy-MM-dd HH:mm:ss.SSSSSS}, only without
 * it) from the JSON. This script prints such JSON with a static token for whatever it is asked, and records its
 * arguments beside itself.
 */
public final class FakeAz {
    /** The tenant az reports, and the fake ARM's subscription belongs to. */
    static final String TENANT = "00000000-0000-0000-0000-00000000f1ee";

    private final Path folder;

    private FakeAz(Path folder) {
        this.folder = folder;
    }

    /** Writes {@code az} into {@code folder}, to go first on the subprocess's PATH. */
    static FakeAz install(Path folder, String token, String subscription) throws IOException {
        Instant expires = Instant.now().plusSeconds(3600);
        String expiresOn = LocalDateTime.ofInstant(expires, ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS"));
        String script = "#!/bin/sh\n"
                + "# Stand-in az (fleet's test harness): answers 'az account get-access-token' with a static token.\n"
                + "printf '%s\\n' \"$*\" >>\"$(dirname \"$0\")/az.args\"\n"
                + "case \"$1 $2\" in\n"
                + "  'account get-access-token') ;;\n"
                + "  *) echo \"az: the fake answers 'account get-access-token' only, not: $*\" >&2; exit 2 ;;\n"
                + "esac\n"
                + "cat <<'JSON'\n"
                + "{\n"
                + "  \"accessToken\": \"" + token + "\",\n"
                + "  \"expiresOn\": \"" + expiresOn + "\",\n"
                + "  \"expires_on\": " + expires.getEpochSecond() + ",\n"
                + "  \"subscription\": \"" + subscription + "\",\n"
                + "  \"tenant\": \"" + TENANT + "\",\n"
                + "  \"tokenType\": \"Bearer\"\n"
                + "}\n"
                + "JSON\n";
        Path az = folder.resolve("az");
        Files.writeString(az, script);
        Files.setPosixFilePermissions(az, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new FakeAz(folder);
    }

    /** The folder holding {@code az}. */
    public Path folder() {
        return folder;
    }

    /** The argument lines az was called with, oldest first; empty when it never was. */
    public List<String> calls() throws IOException {
        Path args = folder.resolve("az.args");
        return Files.exists(args) ? Files.readAllLines(args) : List.of();
    }
}
