package io.ferstream.model.cli;

import java.nio.file.Path;

/** Default locations, relative to the repository root (system property {@code ferstream.repo.root}, else the working directory). */
final class Paths {

    static final String DEFAULT_DATA = "../shared/fer2013/fer2013-train-publictest.csv.gz";
    static final String DEFAULT_RUNS = ".ferstream/runs";

    private Paths() {
    }

    static Path repoRoot() {
        String root = System.getProperty("ferstream.repo.root");
        return Path.of(root != null && !root.isBlank() ? root : "").toAbsolutePath();
    }

    /** A path as given, or resolved against the repository root when relative. */
    static Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : repoRoot().resolve(p).normalize();
    }
}
