package dev.fleet.lifecycle.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fleet.lifecycle.LogCapture;
import java.time.Instant;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A VM's serial console, read from managed boot diagnostics: ARM hands out a SAS URL, the log is read from there. */
class AzureVmProviderSerialConsoleTest {

    private static final String POOL = "linux";
    private static final String VM = "fleet-linux-1";
    private static final String RETRIEVE = ArmStub.COMPUTE + "/virtualMachines/" + VM + "/retrieveBootDiagnosticsData";
    private static final String BLOB = "/bootdiagnostics-fleet/" + VM + ".serialconsole.log";
    /** The SAS signature: a secret that grants reading the blob. */
    private static final String SIGNATURE = "c2VjcmV0LXNhcy1zaWduYXR1cmU";

    @AutoClose
    private final ArmStub arm = new ArmStub();
    private final VmProvider provider = arm.provider(POOL);

    @Test
    void readsTheLogThroughAShortLivedSasUrlWithoutTheArmTokenAndNeverLogsTheUrl() {
        stubRetrieve();
        arm.stub(get(urlPathEqualTo(BLOB)).willReturn(aResponse().withStatus(200)
                .withBody("[    0.000000] Linux version 6.8.0\nCloud-init v. 24.1 finished\n")));

        SerialConsole console;
        try (LogCapture log = new LogCapture()) {
            console = provider.serialConsole(vm());
            assertThat(String.join("\n", log.lines())).doesNotContain(SIGNATURE);
        }

        assertThat(console).isEqualTo(
                new SerialConsole.Log("[    0.000000] Linux version 6.8.0\nCloud-init v. 24.1 finished\n"));
        LoggedRequest retrieve = request("POST", RETRIEVE);
        int minutes = Integer.parseInt(retrieve.queryParameter("sasUriExpirationTimeInMinutes").firstValue());
        assertThat(minutes).isBetween(1, 10);
        LoggedRequest blob = request("GET", BLOB);
        assertThat(blob.queryParameter("sig").firstValue()).isEqualTo(SIGNATURE);
        assertThat(blob.containsHeader("Authorization")).as("ARM's token goes to ARM only").isFalse();
        assertThat(console.toString()).doesNotContain(SIGNATURE);
    }

    @Test
    void escapeSequencesFromTheVmAreDropped() {
        stubRetrieve();
        arm.stub(get(urlPathEqualTo(BLOB)).willReturn(aResponse().withStatus(200)
                .withBody("\u001B[2J\u001B]0;owned\u0007login: \u001B[1mok\u001B[0m\n")));

        assertThat(provider.serialConsole(vm())).isEqualTo(new SerialConsole.Log("login: ok\n"));
    }

    @Test
    void aLongLogKeepsItsEnd() {
        stubRetrieve();
        String line = "x".repeat(99) + "\n";
        String body = line.repeat(15_000) + "the last line\n";
        arm.stub(get(urlPathEqualTo(BLOB)).willReturn(aResponse().withStatus(200).withBody(body)));

        SerialConsole console = provider.serialConsole(vm());

        assertThat(console).isInstanceOfSatisfying(SerialConsole.Log.class, log -> {
            assertThat(log.text()).endsWith("x\nthe last line\n").hasSizeLessThanOrEqualTo(SerialConsole.MAX_BYTES);
            assertThat(body).endsWith(log.text());
        });
    }

    @Test
    void aVmThatWroteNothingYetHasNoLog() {
        stubRetrieve();
        arm.stub(get(urlPathEqualTo(BLOB)).willReturn(aResponse().withStatus(404)
                .withBody("<Error><Code>BlobNotFound</Code></Error>")));

        assertThat(provider.serialConsole(vm())).isEqualTo(
                new SerialConsole.Unavailable("VM " + VM + " has written nothing to its serial console yet"));
    }

    @Test
    void aVmArmNoLongerHasHasNoLog() {
        arm.stub(post(urlPathEqualTo(RETRIEVE)).willReturn(ArmStub.armError(404, "ResourceNotFound",
                "The Resource 'Microsoft.Compute/virtualMachines/" + VM + "' was not found.")));

        assertThat(provider.serialConsole(vm())).isEqualTo(
                new SerialConsole.Unavailable("VM " + VM + " is gone from Azure"));
    }

    @Test
    void armRefusingIsAFailureWithItsCode() {
        arm.stub(post(urlPathEqualTo(RETRIEVE)).willReturn(ArmStub.armError(409, "OperationNotAllowed",
                "Boot diagnostics are not enabled for this VM.")));

        assertThat(provider.serialConsole(vm())).isEqualTo(new SerialConsole.Failed(
                "Azure refused the boot diagnostics of VM " + VM + ": OperationNotAllowed: Boot diagnostics are not "
                        + "enabled for this VM."));
    }

    @Test
    void aRefusedReadOfTheLogSaysSoWithoutTheUrl() {
        stubRetrieve();
        arm.stub(get(urlPathEqualTo(BLOB)).willReturn(aResponse().withStatus(403)
                .withBody("<Error><Code>AuthenticationFailed</Code></Error>")));

        SerialConsole console = provider.serialConsole(vm());

        assertThat(console).isEqualTo(new SerialConsole.Failed(
                "reading the serial console log of VM " + VM + " failed: HTTP 403"));
    }

    private void stubRetrieve() {
        ObjectNode answer = Fixtures.JSON.createObjectNode();
        answer.put("consoleScreenshotBlobUri", arm.baseUrl() + "/bootdiagnostics-fleet/" + VM + ".screenshot.bmp?sv=2024"
                + "-08-04&sr=b&sp=r&sig=" + SIGNATURE);
        answer.put("serialConsoleLogBlobUri", arm.baseUrl() + BLOB + "?sv=2024-08-04&sr=b&sp=r&sig=" + SIGNATURE);
        arm.stub(post(urlPathEqualTo(RETRIEVE)).willReturn(ArmStub.json(200, answer)));
    }

    private LoggedRequest request(String method, String path) {
        return arm.requests().stream()
                .filter(r -> r.getMethod().getName().equals(method) && r.getUrl().startsWith(path))
                .findFirst().orElseThrow(() -> new AssertionError("no " + method + " " + path + " in " + arm.calls()));
    }

    private static VmInfo vm() {
        return new VmInfo(VM, POOL, ArmStub.RG, VmInfo.PowerState.RUNNING, VmInfo.ProvisioningState.SUCCEEDED,
                Instant.parse("2026-11-23T13:00:00Z"));
    }
}
