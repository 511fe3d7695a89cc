package io.ferstream.model.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Chooses which nd4j-native binary JavaCPP loads, before ND4J is first touched. The build ships two: the default
 * {@code linux-x86_64} one and {@code linux-x86_64-onednn-avx512}, on which SameDiff's convolution and pooling
 * ops run through oneDNN (about 10x the throughput of DL4J's im2col path on this project's CNNs, docs/benchmarks.md).
 * The oneDNN binary is compiled for AVX-512, so it is chosen only where the CPU has it; elsewhere the default
 * binary loads.
 *
 * <p>Overrides: an explicit {@value #PLATFORM_EXTENSION} system property is left alone, and the environment variable
 * {@value #ENV} = {@code default} keeps the default binary.
 */
public final class NativeBinary {

    /** JavaCPP's property naming the platform extension of the binaries to load. */
    public static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    /** Environment variable: {@code default} or {@code onednn-avx512} (the default when the CPU allows). */
    public static final String ENV = "FERSTREAM_ND4J_BINARY";
    static final String ONEDNN = "-onednn-avx512";
    static final Set<String> AVX512_FLAGS = Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl");
    private static final String ONEDNN_RESOURCE =
            "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn-avx512/";

    private NativeBinary() {
    }

    /**
     * Sets {@value #PLATFORM_EXTENSION} to the oneDNN binary when it is on the class path, the CPU supports it and
     * nothing says otherwise. Call it first thing in {@code main}, before any ND4J class is loaded.
     *
     * @return the extension in effect ("" for the default binary)
     */
    public static String selectFastest() {
        String explicit = System.getProperty(PLATFORM_EXTENSION);
        if (explicit != null) {
            return explicit;
        }
        String wanted = System.getenv(ENV);
        if (wanted != null && wanted.trim().toLowerCase(Locale.ROOT).equals("default")) {
            return "";
        }
        if (!cpuFlags().containsAll(AVX512_FLAGS) || !onClassPath()) {
            return "";
        }
        System.setProperty(PLATFORM_EXTENSION, ONEDNN);
        return ONEDNN;
    }

    /** The extension in effect for this JVM, as a name: "default" or e.g. "onednn-avx512". */
    public static String current() {
        String ext = System.getProperty(PLATFORM_EXTENSION, "");
        return ext.isEmpty() ? "default" : ext.substring(1);
    }

    static boolean onClassPath() {
        return NativeBinary.class.getClassLoader().getResource(ONEDNN_RESOURCE) != null;
    }

    static Set<String> cpuFlags() {
        try {
            return parseFlags(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    static Set<String> parseFlags(String cpuinfo) {
        return cpuinfo.lines()
                .filter(l -> l.startsWith("flags"))
                .findFirst()
                .map(l -> Pattern.compile("\\s+").splitAsStream(l.substring(l.indexOf(':') + 1).trim())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }
}
