package dev.fleet.lifecycle.azure;

/** Azure could not be used for a pool: the message is one line naming the subscription and what to fix. */
public final class AzureAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whose move it is: the user's, to sign in, or Azure's answer, which a change of rights or settings fixes. */
    public enum Kind {
        /** No credential to sign in with: {@code az login} not run, environment variables not set. */
        NO_CREDENTIAL,
        /** Signed in, and Azure refused or does not have what was asked for. */
        REFUSED
    }

    private final Kind kind;

    public AzureAccessException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
