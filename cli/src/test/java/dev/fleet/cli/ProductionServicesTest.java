package dev.fleet.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.http.HttpClient;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fleet.cli.command.ExitCode;
import dev.fleet.cli.command.FleetException;
import dev.fleet.config.ConfigParser;
import dev.fleet.config.FleetConfig;
import dev.fleet.github.GitHubException;
import dev.fleet.github.GitHubRequestListener;
import dev.fleet.github.RateLimit;
import dev.fleet.github.RunnerScope;
import dev.fleet.lifecycle.azure.ArmRequestListener;
import dev.fleet.lifecycle.azure.AzureVmProviderFactory;
import dev.fleet.lifecycle.bootstrap.SshRunnerInstaller;
import dev.fleet.queue.RestJobQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

class ProductionServicesTest {
    @RegisterExtension
    static final WireMockExtension GITHUB = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    /** Azure that nobody may reach: these tests build its parts and must not call them. */
    private static final AzureVmProviderFactory OFFLINE_AZURE = new AzureVmProviderFactory(
            (kind, authority) -> request -> Mono.just(new AccessToken("test", OffsetDateTime.now().plusHours(1))),
            (HttpClient) request -> Mono.error(new IllegalStateException("no network in this test")),
            variable -> null);

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    private static final FleetConfig CONFIG = ConfigParser.parse("{\"azure\": {\"subscriptionId\": \""
            + Cli.SUBSCRIPTION + "\", \"resourceGroup\": \"fleet-rg\", \"location\": \"westeurope\"}, "
            + "\"pools\": [{\"name\": \"ci\", \"repo\": \"octo/app\"}]}");

    private FleetServices services(FleetConfig config) {
        return new ProductionServices(config, testEnv(), OFFLINE_AZURE, GitHubRequestListener.NONE);
    }

    private Map<String, String> testEnv() {
        env.put("HOME", dir.toString());
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("GITHUB_API_URL", GITHUB.baseUrl());
        return env;
    }

    @Test
    void gitHubIsReachedAtTheApiUrlWithTheTokenAndItsAnswersAreCachedOnDisk() throws IOException {
        env.put("GITHUB_TOKEN", "test-token");
        GITHUB.stubFor(get("/repos/octo/app").willReturn(aResponse().withStatus(200).withHeader("ETag", "\"v1\"")
                .withHeader("Content-Type", "application/json").withBody("{\"full_name\": \"octo/app\"}")));
        GITHUB.stubFor(post("/repos/octo/app/actions/runners/registration-token").willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"token\": \"LLBF3JGZDX3P5PMEXLND6TS6FCWO6\", \"expires_at\": \"2099-01-01T00:00:00Z\"}")));
        FleetServices services = services(CONFIG);

        services.runnerAccess().verify(RunnerScope.repository("octo/app"));

        GITHUB.verify(getRequestedFor(urlEqualTo("/repos/octo/app"))
                .withHeader("Authorization", equalTo("Bearer test-token")));
        try (Stream<Path> cached = Files.list(dir.resolve("state/fleet/http-cache"))) {
            assertThat(cached).isNotEmpty();
        }
        assertThat(services.runners()).isSameAs(services.runnerAccess());
        assertThat(services.jobQueue()).isInstanceOf(RestJobQueue.class).isSameAs(services.jobQueue());
    }

    @Test
    void theFactoryServeUsesTellsItsListenerEachOfGitHubsAnswers() {
        env.put("GITHUB_TOKEN", "test-token");
        GITHUB.stubFor(get("/repos/octo/app").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Not Found\"}")));
        List<Integer> told = new CopyOnWriteArrayList<>();
        FleetServices services = ProductionServices.factory(testEnv(), new GitHubRequestListener() {
            @Override
            public void answered(int status, Optional<RateLimit> rateLimit) {
                told.add(status);
            }
        }, ArmRequestListener.NONE).of(CONFIG);

        assertThatThrownBy(() -> services.runnerAccess().verify(RunnerScope.repository("octo/app")))
                .isInstanceOf(GitHubException.class);
        assertThat(told).containsExactly(404);
    }

    @Test
    void aMissingTokenShowsWhenGitHubIsFirstUsedNotBefore() {
        FleetServices services = services(CONFIG);

        assertThatThrownBy(services::runnerAccess).isInstanceOfSatisfying(GitHubException.class,
                e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.MISSING_CREDENTIALS));
    }

    @Test
    void azurePartsAreBuiltOnFirstUseAndThenShared() {
        env.put("GITHUB_TOKEN", "test-token");
        FleetServices services = services(CONFIG);

        assertThat(services.azureAccount()).isNotNull().isSameAs(services.azureAccount());
        assertThat(services.vms()).isNotNull().isSameAs(services.vms());
        assertThat(services.installer()).isInstanceOf(SshRunnerInstaller.class).isSameAs(services.installer());
        assertThat(services.provisioning()).isNotNull();
    }

    @Test
    void aConfigAzureCannotBeUsedWithFailsOnlyWhenAzureIsNeeded() {
        FleetServices services = services(FleetConfig.defaults());

        assertThatThrownBy(services::vms)
                .isInstanceOfSatisfying(FleetException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT))
                .hasMessageContaining("azure.subscriptionId");
    }
}
