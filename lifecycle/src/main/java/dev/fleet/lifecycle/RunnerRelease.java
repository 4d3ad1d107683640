package dev.fleet.lifecycle;

import dev.fleet.config.PoolConfig;
import dev.fleet.github.GitHubRunners;
import dev.fleet.github.RunnerDownload;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runner package a pool installs: its version, where to download it, and the checksum to hold it to.
 *
 * <p>Runner VMs are Linux x64 (the default download template and default labels say so), so that is the package asked
 * for. The pool's template still decides where the tarball comes from, so a mirror keeps working for "latest".
 */
record RunnerRelease(String version, String downloadUrlTemplate, String sha256) {
    private static final String OS = "linux";
    private static final String ARCHITECTURE = "x64";
    private static final Pattern VERSION_IN_FILENAME = Pattern.compile("-([0-9]+(?:\\.[0-9]+)+)\\.tar\\.gz$");

    /** Asks GitHub once per provisioning call, so a batch of VMs installs one version. */
    static RunnerRelease resolve(GitHubRunners github, PoolContext pool) {
        boolean latest = PoolConfig.LATEST_RUNNER.equals(pool.runnerVersion());
        RunnerDownload download = latest
                ? github.latestRunner(pool.scope(), OS, ARCHITECTURE)
                : github.pinnedRunner(pool.runnerVersion(), OS, ARCHITECTURE);
        String version = latest ? versionOf(download.filename()) : pool.runnerVersion();
        if (download.sha256() == null) {
            throw new IllegalStateException("GitHub gives no SHA-256 for runner " + version + " and fleet installs "
                    + "nothing unchecked; pin the pool's runnerVersion to a release");
        }
        return new RunnerRelease(version, pool.downloadUrlTemplate(), download.sha256());
    }

    private static String versionOf(String filename) {
        Matcher matcher = VERSION_IN_FILENAME.matcher(filename);
        if (!matcher.find()) {
            throw new IllegalStateException("cannot tell the runner version from GitHub's file name " + filename);
        }
        return matcher.group(1);
    }
}
