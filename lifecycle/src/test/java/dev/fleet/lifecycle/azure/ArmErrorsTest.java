package dev.fleet.lifecycle.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.fasterxml.jackson.databind.JsonNode;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArmErrorsTest {

    @ParameterizedTest(name = "{0} spot={1} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "QuotaExceeded|false|Quota exceeded|QUOTA_EXCEEDED",
        "OperationNotAllowed|true|exceeding approved LowPriorityCores quota|QUOTA_EXCEEDED",
        "OperationNotAllowed|false|the VM is being deleted|OTHER",
        "SkuNotAvailable|false|size not available|SKU_NOT_AVAILABLE",
        "AllocationFailed|true|no capacity|SPOT_CAPACITY",
        "OverconstrainedAllocationRequest|true|no capacity|SPOT_CAPACITY",
        "ZonalAllocationFailed|true|no capacity|SPOT_CAPACITY",
        "AllocationFailed|false|no capacity|OTHER",
        "InvalidParameter|true|bad name|OTHER"
    })
    void sortsTopLevelCodes(String code, boolean spot, String message, VmCreation.Category expected) {
        ManagementException e = exception("{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");

        assertThat(ArmErrors.creationFailure(e, spot)).isEqualTo(new VmCreation.Failed(expected, code, message));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"QuotaExceeded|QUOTA_EXCEEDED", "SkuNotAvailable|SKU_NOT_AVAILABLE"})
    void looksIntoNestedDetailsButReportsTheTopLevelCode(String inner, VmCreation.Category expected) {
        ManagementException e = exception("{\"code\":\"DeploymentFailed\",\"message\":\"At least one resource failed\","
                + "\"details\":[{\"code\":\"Conflict\",\"message\":\"wrapped\",\"details\":[{\"code\":\"" + inner
                + "\",\"message\":\"the real reason\"}]}]}");

        assertThat(ArmErrors.creationFailure(e, false))
                .isEqualTo(new VmCreation.Failed(expected, "DeploymentFailed", "At least one resource failed"));
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void anErrorWithoutABodyIsOtherWithTheExceptionsMessage(boolean spot) {
        ManagementException e = new ManagementException("connection reset", null);

        assertThat(ArmErrors.creationFailure(e, spot))
                .isEqualTo(new VmCreation.Failed(VmCreation.Category.OTHER, "Unknown", "connection reset"));
        assertThat(ArmErrors.isNotFound(e)).isFalse();
    }

    private static ManagementException exception(String errorJson) {
        JsonNode parsed = Fixtures.parse(errorJson);
        try (JsonReader reader = JsonProviders.createReader(Fixtures.text(parsed))) {
            return new ManagementException("ARM said no", null, ManagementError.fromJson(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
