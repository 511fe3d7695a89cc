package io.ferstream.model.release;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The FerStream version this module was built as (from {@code version.properties}, filled in by Maven). */
public final class FerstreamVersion {

    private static final String VERSION = load();

    private FerstreamVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = FerstreamVersion.class.getResourceAsStream("/io/ferstream/model/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.contains("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
