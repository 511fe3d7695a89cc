package io.ferstream.registry.store;

/** A write was not acknowledged or not read back in time. Maps to 50002. */
public class StoreTimeoutException extends StoreException {
    public StoreTimeoutException(String message) {
        super(message);
    }

    public StoreTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
