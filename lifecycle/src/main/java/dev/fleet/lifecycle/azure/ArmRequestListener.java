package dev.fleet.lifecycle.azure;

/**
 * Hears each answer Azure Resource Manager gives the clients {@link AzureVmProviderFactory} builds, a retry's
 * included, e.g. to count them by status. The SDK calls it from its own threads, several at once; it should return
 * quickly.
 */
public interface ArmRequestListener {
    ArmRequestListener NONE = new ArmRequestListener() {
    };

    /** ARM answered with this HTTP status. */
    default void answered(int status) {
    }

    /** A request got no answer: the connection was refused, broke or timed out. */
    default void unanswered() {
    }
}
