package dev.fleet.lifecycle.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import com.azure.resourcemanager.compute.fluent.models.RetrieveBootDiagnosticsDataResultInner;
import dev.fleet.config.OutsideText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A VM's serial console from managed boot diagnostics: ARM hands out a read-only SAS URL of the log blob, which is
 * then read without ARM's token. The SAS URL grants reading the blob to whoever holds it, so it lives only in this
 * call: never logged, never in a message.
 */
final class BootDiagnosticsLog {
    /** The SAS URL is used at once; a short life leaves little to a copy that escaped anyway. */
    private static final int SAS_MINUTES = 5;

    private final VirtualMachinesClient vms;
    private final HttpClient http;

    /** @param http the bare HTTP client, without the ARM pipeline's bearer token */
    BootDiagnosticsLog(VirtualMachinesClient vms, HttpClient http) {
        this.vms = vms;
        this.http = http;
    }

    SerialConsole read(VmInfo vm) {
        String url;
        try {
            RetrieveBootDiagnosticsDataResultInner result = vms.retrieveBootDiagnosticsDataWithResponse(
                    vm.resourceGroup(), vm.name(), SAS_MINUTES, Context.NONE).getValue();
            url = result.serialConsoleLogBlobUri();
        } catch (ManagementException e) {
            return ArmErrors.isNotFound(e)
                    ? new SerialConsole.Unavailable("VM " + vm.name() + " is gone from Azure")
                    : new SerialConsole.Failed("Azure refused the boot diagnostics of VM " + vm.name() + ": "
                            + ArmErrors.code(e) + ": " + ArmErrors.message(e));
        }
        if (url == null) {
            return new SerialConsole.Unavailable("VM " + vm.name() + " has no serial console log");
        }
        return download(vm, url);
    }

    private SerialConsole download(VmInfo vm, String url) {
        String failed = "reading the serial console log of VM " + vm.name() + " failed: ";
        try (HttpResponse response = http.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
            int status = response.getStatusCode();
            if (status == 404) {
                return new SerialConsole.Unavailable("VM " + vm.name() + " has written nothing to its serial console yet");
            }
            if (status != 200) {
                return new SerialConsole.Failed(failed + "HTTP " + status);
            }
            String text = new String(tail(response.getBodyAsInputStreamSync()), StandardCharsets.UTF_8);
            return new SerialConsole.Log(OutsideText.printable(text));
        } catch (IOException | UncheckedIOException e) {
            // The exception's message may quote the URL, signature and all.
            return new SerialConsole.Failed(failed + e.getClass().getSimpleName());
        }
    }

    /** The stream's last {@link SerialConsole#MAX_BYTES}, read in a ring so a long log is never held whole. */
    private static byte[] tail(InputStream in) throws IOException {
        byte[] ring = new byte[SerialConsole.MAX_BYTES];
        long total = 0;
        int read;
        while ((read = in.read(ring, (int) (total % ring.length), ring.length - (int) (total % ring.length))) > 0) {
            total += read;
        }
        if (total <= ring.length) {
            return Arrays.copyOf(ring, (int) total);
        }
        int start = (int) (total % ring.length);
        byte[] last = new byte[ring.length];
        System.arraycopy(ring, start, last, 0, ring.length - start);
        System.arraycopy(ring, 0, last, ring.length - start, start);
        return last;
    }
}
