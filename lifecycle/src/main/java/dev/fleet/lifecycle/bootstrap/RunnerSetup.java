package dev.fleet.lifecycle.bootstrap;

import dev.fleet.config.PoolConfig.Registration;
import dev.fleet.config.UrlCredentials;
import dev.fleet.github.Secret;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to install on one VM.
 *
 * @param url          {@code https://github.com/owner/repo} or {@code https://github.com/org}
 * @param runnerName   the runner's name in GitHub
 * @param labels       labels given to {@code config.sh --labels}; none contains a comma
 * @param runnerGroup  runner group, or {@code null} for the default group
 * @param registration how the runner registers
 * @param secret       the registration token ({@link Registration#TOKEN}) or encoded JIT config
 *                     ({@link Registration#JIT})
 * @param version      runner version, e.g. {@code 2.336.0}
 * @param downloadUrl  tarball URL template, {@code {version}} replaced by {@code version}: GitHub's releases or a
 *                     mirror, as the pool's config says
 * @param sha256       the tarball's SHA-256 as GitHub's runner downloads API reports it
 */
public record RunnerSetup(
        String url,
        String runnerName,
        List<String> labels,
        String runnerGroup,
        Registration registration,
        Secret secret,
        String version,
        String downloadUrl,
        String sha256) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    public RunnerSetup {
        requireText(url, "url");
        requireText(runnerName, "runnerName");
        labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
        for (String label : labels) {
            if (label.isBlank() || label.contains(",")) {
                throw new IllegalArgumentException("a label must be non-blank and free of commas: '" + label + "'");
            }
        }
        if (runnerGroup != null && runnerGroup.isBlank()) {
            throw new IllegalArgumentException("runnerGroup must be null or non-blank");
        }
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(secret, "secret");
        // The install script reads the secret as one line from stdin.
        String revealed = secret.reveal();
        if (revealed.isBlank() || revealed.indexOf('\n') >= 0 || revealed.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("the secret must be one non-blank line");
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("version must look like 2.336.0, not '" + version + "'");
        }
        Objects.requireNonNull(downloadUrl, "downloadUrl");
        if (UrlCredentials.present(downloadUrl)) {
            // The URL goes on the VM's command line and into its output; the config refuses such a URL too.
            throw new IllegalArgumentException("downloadUrl must not hold credentials (user:password@)");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits, not '" + sha256 + "'");
        }
    }

    /** The tarball's URL for this version. */
    String tarballUrl() {
        return downloadUrl.replace("{version}", version);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be non-blank");
        }
    }
}
