package io.ferstream.registry.store;

/** The backing store failed (Kafka unreachable, produce failed, reader died). Maps to 50001. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
