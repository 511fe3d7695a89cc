package io.ferstream.registry.core;

import java.util.Locale;

/**
 * A version path segment: an integer in [1, 2^31-1], or "latest" / -1 (Confluent accepts both for the
 * latest version).
 */
public record VersionId(int version) {
    public static final int LATEST = -1;

    public static VersionId parse(String text) {
        if (text == null || text.isBlank()) {
            throw Errors.invalidVersion(text);
        }
        String trimmed = text.trim();
        if (trimmed.toLowerCase(Locale.ROOT).equals("latest")) {
            return new VersionId(LATEST);
        }
        int value;
        try {
            value = Integer.parseInt(trimmed);
        } catch (NumberFormatException e) {
            throw Errors.invalidVersion(text);
        }
        if (value <= 0 && value != LATEST) {
            throw Errors.invalidVersion(text);
        }
        return new VersionId(value);
    }

    public boolean isLatest() {
        return version == LATEST;
    }
}
