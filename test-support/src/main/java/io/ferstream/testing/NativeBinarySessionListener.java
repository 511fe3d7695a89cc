package io.ferstream.testing;

import io.ferstream.common.runtime.NativeBinary;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes every test JVM choose its nd4j-native binary as the applications' {@code main}s do, before any test touches
 * ND4J: registered through {@code META-INF/services}, so each module whose tests have this module on their class
 * path gets it. Without it JavaCPP loads the oneDNN AVX-512 binary whenever its jar is on the class path, and a test
 * JVM on a CPU without AVX-512 dies with SIGILL at its first native call ({@link NativeBinary}).
 */
public final class NativeBinarySessionListener implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    NativeBinary.selectFastest();
  }
}
