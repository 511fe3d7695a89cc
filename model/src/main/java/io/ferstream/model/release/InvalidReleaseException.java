package io.ferstream.model.release;

import java.io.IOException;

/** A release bundle is unreadable, tampered with, or not a FerStream 6-class 48x48 model. */
public final class InvalidReleaseException extends IOException {

    private static final long serialVersionUID = 1L;

    public InvalidReleaseException(String message) {
        super(message);
    }

    public InvalidReleaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
