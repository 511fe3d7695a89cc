package io.ferstream.model.data;

import java.util.Optional;

/** The {@code Usage} column of fer2013.csv: which split a row belongs to. */
public enum Usage {
    TRAINING("Training"),
    PUBLIC_TEST("PublicTest"),
    PRIVATE_TEST("PrivateTest");

    private final String csvName;

    Usage(String csvName) {
        this.csvName = csvName;
    }

    /** The spelling in the CSV file. */
    public String csvName() {
        return csvName;
    }

    /** Parses the CSV spelling (exact, case-sensitive). */
    public static Optional<Usage> fromCsv(String value) {
        for (Usage u : values()) {
            if (u.csvName.equals(value)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    /** Parses either the CSV spelling or the enum name, case-insensitively (for command lines). */
    public static Usage parse(String value) {
        for (Usage u : values()) {
            if (u.csvName.equalsIgnoreCase(value) || u.name().equalsIgnoreCase(value)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown usage '" + value + "' (Training, PublicTest, PrivateTest)");
    }
}
