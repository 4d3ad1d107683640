package dev.fleet.lifecycle.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fleet.config.AzureSettings;
import dev.fleet.config.FleetConfig;
import dev.fleet.config.PoolConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import reactor.core.publisher.Mono;

/**
 * Azure Resource Manager on loopback: WireMock over HTTPS (the SDK's bearer-token policy refuses plain http), and a
 * provider built by the real factory with a custom environment pointing at it, an OkHttp client that trusts exactly
 * WireMock's certificate, and a static token.
 */
final class ArmStub implements AutoCloseable {

    static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";
    static final String RG = "fleet-rg";
    static final String RG_PATH = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RG;
    static final String COMPUTE = RG_PATH + "/providers/Microsoft.Compute";
    static final String NETWORK = RG_PATH + "/providers/Microsoft.Network";
    static final String LOCATION = "westeurope";
    private static final String LOOPBACK = "127.0.0.1";

    static {
        // LROs poll at the SDK's default interval (30 s) when ARM sends no Retry-After; tests need not wait.
        ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(delay -> Duration.ofMillis(1));
    }

    final WireMockServer server =
            new WireMockServer(options().bindAddress(LOOPBACK).httpDisabled(true).dynamicHttpsPort());

    ArmStub() {
        server.start();
    }

    String baseUrl() {
        return "https://" + LOOPBACK + ":" + server.httpsPort();
    }

    VmProvider provider(String... pools) {
        return provider(config(SUBSCRIPTION, pools), variable -> null);
    }

    VmProvider provider(FleetConfig config, Function<String, String> environmentVariables) {
        return new AzureVmProviderFactory(ArmStub::staticToken, trustingWireMock(), environmentVariables).create(config);
    }

    /** A provider of the given pools whose every ARM answer is told to {@code requests}. */
    VmProvider provider(ArmRequestListener requests, String... pools) {
        return new AzureVmProviderFactory(ArmStub::staticToken, trustingWireMock(), variable -> null)
                .reportingTo(requests).create(config(SUBSCRIPTION, pools));
    }

    /** The account of {@link #SUBSCRIPTION} in this stub's cloud, signed in through {@code credentials}. */
    AzureAccount account(CredentialSource credentials) {
        return new AzureVmProviderFactory(credentials, trustingWireMock(), variable -> null)
                .account(config(SUBSCRIPTION));
    }

    /** Pools of the given names in this stub's cloud, all in {@link #RG}. */
    FleetConfig config(String subscription, String... pools) {
        AzureSettings azure = new AzureSettings(AzureSettings.Environment.CUSTOM,
                new AzureSettings.Endpoints(baseUrl(), baseUrl()), AzureSettings.Credential.CLI, subscription, RG,
                LOCATION, null, null, null, null, List.of("203.0.113.0/24"), null);
        List<PoolConfig> poolConfigs = Arrays.stream(pools)
                .map(name -> new PoolConfig(name, "octo/repo", null, null, null, null, null, null, null, null, null,
                        null, null, null))
                .collect(Collectors.toList());
        return new FleetConfig(null, null, azure, poolConfigs);
    }

    static TokenCredential staticToken(AzureSettings.Credential kind, String authority) {
        return request -> Mono.just(new AccessToken("test", OffsetDateTime.now().plusHours(1)));
    }

    /** PUT that answers 201 and finishes through Azure-AsyncOperation, then the final GET, as ARM does. */
    void putLongRunning(String path, JsonNode created, JsonNode finalBody) {
        putLongRunning(urlPathEqualTo(path), json(201, created), json(200, finalBody));
    }

    void putLongRunning(UrlPattern path, ResponseDefinitionBuilder created, ResponseDefinitionBuilder finalAnswer) {
        putWithOperation(path, created, "{\"status\":\"Succeeded\"}");
        server.stubFor(get(path).willReturn(finalAnswer));
    }

    /** PUT accepted with 201 whose operation then fails, the way allocation failures arrive. */
    void putLongRunningFailing(String path, JsonNode created, String code, String message) {
        putWithOperation(urlPathEqualTo(path), json(201, created), "{\"status\":\"Failed\",\"error\":{\"code\":\"" + code
                + "\",\"message\":\"" + message + "\"}}");
    }

    /** DELETE accepted with 202, finished through Azure-AsyncOperation. */
    void deleteLongRunning(String path) {
        String operation = operationPath();
        server.stubFor(delete(urlPathEqualTo(path))
                .willReturn(aResponse().withStatus(202).withHeader("Azure-AsyncOperation", baseUrl() + operation)));
        server.stubFor(get(urlPathEqualTo(operation)).willReturn(json(200, Fixtures.parse("{\"status\":\"Succeeded\"}"))));
    }

    /**
     * DELETE accepted with 202 and only a Location header, the older polling style: the Location answers 202 while
     * the delete runs, then 204. Returns the Location's path.
     */
    String deleteLongRunningByLocation(String path) {
        String operation = "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Compute/locations/" + LOCATION
                + "/operationResults/" + UUID.randomUUID();
        server.stubFor(delete(urlPathEqualTo(path))
                .willReturn(aResponse().withStatus(202).withHeader("Location", baseUrl() + operation)));
        server.stubFor(get(urlPathEqualTo(operation)).inScenario(operation).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(202).withHeader("Location", baseUrl() + operation))
                .willSetStateTo("done"));
        server.stubFor(get(urlPathEqualTo(operation)).inScenario(operation).whenScenarioStateIs("done")
                .willReturn(aResponse().withStatus(204)));
        return operation;
    }

    /** The request is first throttled with 429 and the given Retry-After (seconds), then answered as given. */
    void throttledOnce(Supplier<MappingBuilder> request, String retryAfter, ResponseDefinitionBuilder answer) {
        String scenario = "throttled " + UUID.randomUUID();
        server.stubFor(request.get().inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(armError(429, "TooManyRequests", "The request is being throttled.")
                        .withHeader("Retry-After", retryAfter))
                .willSetStateTo("served"));
        server.stubFor(request.get().inScenario(scenario).whenScenarioStateIs("served").willReturn(answer));
    }

    private String operationPath() {
        return "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Compute/locations/" + LOCATION
                + "/operations/" + UUID.randomUUID();
    }

    private void putWithOperation(UrlPattern path, ResponseDefinitionBuilder created, String operationStatus) {
        String operation = operationPath();
        server.stubFor(put(path)
                .willReturn(created.withHeader("Azure-AsyncOperation", baseUrl() + operation)));
        server.stubFor(get(urlPathEqualTo(operation)).willReturn(json(200, Fixtures.parse(operationStatus))));
    }

    void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    /** Fails unless ARM got exactly one request matching {@code request}. */
    void verify(RequestPatternBuilder request) {
        server.verify(1, request);
    }

    static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(Fixtures.text(body));
    }

    static ResponseDefinitionBuilder armError(int status, String code, String message) {
        return json(status, Fixtures.parse("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}"));
    }

    /** The requests ARM got, oldest first, as "METHOD path". */
    List<String> calls() {
        return requests().stream().map(r -> r.getMethod() + " " + r.getUrl().replaceFirst("\\?.*", ""))
                .collect(Collectors.toList());
    }

    List<LoggedRequest> requests() {
        // The journal holds the newest first.
        List<LoggedRequest> all = server.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .collect(Collectors.toList());
        Collections.reverse(all);
        return all;
    }

    /** The JSON body of the one request with that method and path. */
    JsonNode body(String method, String path) {
        List<LoggedRequest> matching = requests().stream()
                .filter(r -> r.getMethod().getName().equals(method) && r.getUrl().replaceFirst("\\?.*", "").equals(path))
                .collect(Collectors.toList());
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " requests " + method + " " + path + " in " + calls());
        }
        return Fixtures.parse(matching.get(0).getBodyAsString());
    }

    private static HttpClient trustingWireMock() {
        try (InputStream in = WireMockServer.class.getResourceAsStream("/keystore")) {
            KeyStore keyStore = KeyStore.getInstance("JKS");
            keyStore.load(in, "password".toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            OkHttpClient okHttp = AzureVmProviderFactory.okHttp()
                    .sslSocketFactory(tls.getSocketFactory(), (X509TrustManager) trust.getTrustManagers()[0])
                    // WireMock's certificate names no host; loopback is the only place these tests talk to.
                    .hostnameVerifier((host, session) -> LOOPBACK.equals(host))
                    .build();
            return new OkHttpAsyncHttpClientBuilder(okHttp).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
