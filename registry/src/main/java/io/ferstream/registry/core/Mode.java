package io.ferstream.registry.core;

import java.util.Locale;
import java.util.Optional;

/**
 * Registry modes. Confluent also has IMPORT (register with caller-chosen ids) and READONLY_OVERRIDE;
 * this registry does not implement them and rejects them with 42204.
 */
public enum Mode {
    READWRITE,
    READONLY;

    public static final Mode DEFAULT = READWRITE;

    public static Optional<Mode> forName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
