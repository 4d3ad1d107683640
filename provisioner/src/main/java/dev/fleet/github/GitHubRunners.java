package dev.fleet.github;

import java.util.List;
import java.util.Optional;

/**
 * Self-hosted runner registration on GitHub, for one credential. Every method may throw {@link GitHubException};
 * "already gone" and "busy" are outcomes, not exceptions.
 */
public interface GitHubRunners {
    /** The group every repository runner belongs to (repositories have no other groups). */
    String DEFAULT_GROUP = "Default";

    /** A token for {@code config.sh --token}; the same one is handed out until it has less than 10 minutes left. */
    RegistrationToken registrationToken(RunnerScope scope);

    /** A token for {@code config.sh remove --token}. */
    RegistrationToken removeToken(RunnerScope scope);

    /**
     * Registers a just-in-time runner and returns its id and the config {@code run.sh --jitconfig} takes. Not
     * retried after an unclear failure: a repeat could register the name twice.
     *
     * @param labels     1 to 100 labels
     * @param workFolder the runner's work folder, or null for GitHub's default {@code _work}
     */
    JitConfig generateJitConfig(RunnerScope scope, String name, long runnerGroupId, List<String> labels,
                                String workFolder);

    /** Every runner of the scope, all pages. */
    List<RunnerInfo> listRunners(RunnerScope scope);

    /** The runner, or empty when GitHub no longer knows it. */
    Optional<RunnerInfo> getRunner(RunnerScope scope, long runnerId);

    /** Removes a runner; {@code REFUSED_BUSY} when it is running a job, {@code NOT_FOUND} when already gone. */
    DeleteOutcome deleteRunner(RunnerScope scope, long runnerId);

    /** The id of a runner group by name; {@link #DEFAULT_GROUP} is 1 for repositories. */
    long runnerGroupId(RunnerScope scope, String groupName);

    /** The current runner package for an os ("linux", "win", "osx") and architecture ("x64", "arm64", "arm"). */
    RunnerDownload latestRunner(RunnerScope scope, String os, String architecture);

    /** A pinned runner version (e.g. "2.336.0"), with the checksum published in its actions/runner release. */
    RunnerDownload pinnedRunner(String version, String os, String architecture);
}
