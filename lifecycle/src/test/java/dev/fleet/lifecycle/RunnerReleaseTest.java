package dev.fleet.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.github.RunnerDownload;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RunnerReleaseTest {

    @Test
    void latestTakesItsVersionFromTheFileGitHubOffersAndKeepsThePoolsDownloadTemplate() {
        RunnerRelease release = RunnerRelease.resolve(new FakeGitHub(new Events()), World.tokenPool());

        assertThat(release).isEqualTo(new RunnerRelease(FakeGitHub.VERSION, World.tokenPool().downloadUrlTemplate(),
                FakeGitHub.SHA256));
    }

    @Test
    void aPinnedVersionIsInstalledAsPinned() {
        assertThat(RunnerRelease.resolve(new FakeGitHub(new Events()), World.jitPool()).version()).isEqualTo("2.329.0");
    }

    @Test
    void refusesARunnerGitHubGivesNoChecksumFor() {
        FakeGitHub github = new FakeGitHub(new Events());
        github.offersLatest(new RunnerDownload("linux", "x64", URI.create("https://ghes.example.com/runner.tar.gz"),
                "actions-runner-linux-x64-2.330.0.tar.gz", null));

        assertThatThrownBy(() -> RunnerRelease.resolve(github, World.tokenPool()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no SHA-256 for runner 2.330.0");
    }

    @Test
    void refusesAFileNameWithoutAVersion() {
        FakeGitHub github = new FakeGitHub(new Events());
        github.offersLatest(new RunnerDownload("linux", "x64", URI.create("https://ghes.example.com/runner.tar.gz"),
                "runner.tar.gz", FakeGitHub.SHA256));

        assertThatThrownBy(() -> RunnerRelease.resolve(github, World.tokenPool()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("runner.tar.gz");
    }
}
