package io.ferstream.common.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Chooses which nd4j-native binary JavaCPP loads, before ND4J is first touched. The build ships three: the default
 * {@code linux-x86_64} one, and {@code linux-x86_64-onednn-avx512} and {@code linux-x86_64-onednn-avx2}, on which
 * SameDiff's convolution and pooling ops run through oneDNN (about 10x the throughput of DL4J's im2col path on this
 * project's CNNs, docs/benchmarks.md). Each oneDNN binary is compiled for its instruction set, so the AVX-512 one is
 * chosen where the CPU has AVX-512, the AVX2 one where it has AVX2 and FMA, and the default binary elsewhere.
 *
 * <p>Either way the choice is written to {@value #PLATFORM_EXTENSION}, the empty extension included: left unset,
 * JavaCPP loads an extension's binary on its own whenever that binary's jar is on the class path, and the AVX-512
 * one then dies with SIGILL on the first native call of a CPU without AVX-512 (found on an AVX2 machine,
 * 2026-12-01). Lives here, with no ND4J dependency, so that the tests' launcher listener (module test-support) can
 * make the same choice in every test JVM.
 *
 * <p>Overrides: an explicit {@value #PLATFORM_EXTENSION} system property is left alone, and the environment variable
 * {@value #ENV} = {@code default} keeps the default binary.
 */
public final class NativeBinary {

  /** JavaCPP's property naming the platform extension of the binaries to load. */
  public static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
  /** Environment variable: {@code default} keeps the default binary; unset, the CPU decides. */
  public static final String ENV = "FERSTREAM_ND4J_BINARY";
  static final String ONEDNN_AVX512 = "-onednn-avx512";
  static final String ONEDNN_AVX2 = "-onednn-avx2";
  static final Set<String> AVX512_FLAGS = Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl");
  static final Set<String> AVX2_FLAGS = Set.of("avx2", "fma");
  private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64";

  private NativeBinary() {}

  /**
   * Sets {@value #PLATFORM_EXTENSION}: to the oneDNN binary for the CPU's instruction set when it is on the class path
   * and nothing says otherwise, else to the default binary. Call it first thing in {@code main}, before any ND4J class
   * is loaded.
   *
   * @return the extension in effect ("" for the default binary)
   */
  public static String selectFastest() {
    String explicit = System.getProperty(PLATFORM_EXTENSION);
    if (explicit != null) {
      return explicit;
    }
    String chosen = choose(System.getenv(ENV), cpuFlags(), NativeBinary::onClassPath);
    System.setProperty(PLATFORM_EXTENSION, chosen);
    return chosen;
  }

  /**
   * The extension for this environment variable and these CPU flags, among the binaries on the class path:
   * {@link #ONEDNN_AVX512}, {@link #ONEDNN_AVX2} or "".
   */
  static String choose(String env, Set<String> cpuFlags, Predicate<String> onClassPath) {
    if (env != null && env.trim().toLowerCase(Locale.ROOT).equals("default")) {
      return "";
    }
    if (cpuFlags.containsAll(AVX512_FLAGS) && onClassPath.test(ONEDNN_AVX512)) {
      return ONEDNN_AVX512;
    }
    if (cpuFlags.containsAll(AVX2_FLAGS) && onClassPath.test(ONEDNN_AVX2)) {
      return ONEDNN_AVX2;
    }
    return "";
  }

  /** The extension in effect for this JVM, as a name: "default" or e.g. "onednn-avx512". */
  public static String current() {
    String ext = System.getProperty(PLATFORM_EXTENSION, "");
    return ext.isEmpty() ? "default" : ext.substring(1);
  }

  /** Whether the binary of this extension (e.g. {@code -onednn-avx2}) is on the class path. */
  static boolean onClassPath(String extension) {
    return NativeBinary.class.getClassLoader().getResource(BINDINGS + extension + "/") != null;
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
