package io.ferstream.registry.core;

/** A failure the REST layer turns into {@code {"error_code": N, "message": "..."}}. */
public class RegistryException extends RuntimeException {
    private final ErrorCode code;

    public RegistryException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public RegistryException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
