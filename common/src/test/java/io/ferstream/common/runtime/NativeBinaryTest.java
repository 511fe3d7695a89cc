package io.ferstream.common.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeBinaryTest {

  private static final String AVX2_CPUINFO = """
      processor\t: 0
      model name\t: AMD EPYC
      flags\t\t: fpu sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi2
      """;
  private static final String AVX512_CPUINFO = """
      processor\t: 0
      flags\t\t: fpu sse2 avx avx2 fma avx512f avx512dq avx512bw avx512vl avx512_vnni
      """;

  @Test
  void shouldReadTheFirstFlagsLineOfCpuinfo() {
    assertEquals(Set.of("fpu", "sse", "sse2", "ssse3", "fma", "sse4_1", "sse4_2", "avx", "f16c", "avx2", "bmi2"),
        NativeBinary.parseFlags(AVX2_CPUINFO));
    assertEquals(Set.of(), NativeBinary.parseFlags("processor\t: 0\n"));
  }

  @Test
  void shouldChooseTheOneDnnBinaryOfTheCpusInstructionSetWhereThatBinaryIsThere() {
    Set<String> avx512 = NativeBinary.parseFlags(AVX512_CPUINFO);
    Set<String> avx2 = NativeBinary.parseFlags(AVX2_CPUINFO);
    assertEquals(NativeBinary.ONEDNN_AVX512, NativeBinary.choose(null, avx512, ext -> true));
    assertEquals(NativeBinary.ONEDNN_AVX2, NativeBinary.choose(null, avx512, NativeBinary.ONEDNN_AVX2::equals),
        "an AVX-512 CPU runs the AVX2 build when only that one is there");
    assertEquals(NativeBinary.ONEDNN_AVX2, NativeBinary.choose(null, avx2, ext -> true));
    assertEquals("", NativeBinary.choose(null, avx2, NativeBinary.ONEDNN_AVX512::equals));
    assertEquals("", NativeBinary.choose(null, avx512, ext -> false));
    assertEquals("", NativeBinary.choose(null, Set.of("sse2", "avx"), ext -> true));
    Set<String> avx512fOnly = new HashSet<>(avx2);
    avx512fOnly.add("avx512f");
    assertEquals(NativeBinary.ONEDNN_AVX2, NativeBinary.choose(null, avx512fOnly, ext -> true),
        "every one of the four AVX-512 subsets is needed");
  }

  @Test
  void shouldKeepTheDefaultBinaryWhenTheEnvironmentSaysDefault() {
    assertEquals("", NativeBinary.choose(" Default ", NativeBinary.parseFlags(AVX512_CPUINFO), ext -> true));
    assertEquals(NativeBinary.ONEDNN_AVX512, NativeBinary.choose("onednn-avx512",
        NativeBinary.parseFlags(AVX512_CPUINFO), ext -> true));
  }

  @Test
  void shouldWriteTheDefaultChoiceToThePropertySoThatJavaCppDoesNotPickAnExtensionJarItself() {
    String before = System.getProperty(NativeBinary.PLATFORM_EXTENSION);
    try {
      System.clearProperty(NativeBinary.PLATFORM_EXTENSION);
      String chosen = NativeBinary.selectFastest();
      // this module's class path has no nd4j-native jar, so the choice is the default binary, written explicitly
      assertEquals("", chosen);
      assertEquals("", System.getProperty(NativeBinary.PLATFORM_EXTENSION));
      assertEquals("default", NativeBinary.current());
      System.setProperty(NativeBinary.PLATFORM_EXTENSION, "-custom");
      assertEquals("-custom", NativeBinary.selectFastest(), "an explicit property is left alone");
    } finally {
      if (before == null) {
        System.clearProperty(NativeBinary.PLATFORM_EXTENSION);
      } else {
        System.setProperty(NativeBinary.PLATFORM_EXTENSION, before);
      }
    }
  }
}
