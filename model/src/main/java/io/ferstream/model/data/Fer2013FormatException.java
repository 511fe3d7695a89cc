package io.ferstream.model.data;

import java.io.IOException;

/** A fer2013.csv row (or the header) is malformed. The message names the file line (1 = header). */
public final class Fer2013FormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long lineNumber;

    public Fer2013FormatException(long lineNumber, String problem) {
        super("line " + lineNumber + ": " + problem);
        this.lineNumber = lineNumber;
    }

    /** The 1-based line number in the file (the header is line 1). */
    public long lineNumber() {
        return lineNumber;
    }
}
