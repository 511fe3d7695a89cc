package io.ferstream.serde.testing;

import java.io.IOException;
import java.net.ServerSocket;

/** A local URL on which nothing listens, for "registry unreachable" tests. */
public final class DeadPorts {

  private DeadPorts() {
  }

  public static String deadUrl() {
    try (ServerSocket socket = new ServerSocket(0)) {
      // Bound then closed at once: connecting is refused immediately, no timeout to wait for.
      return "http://127.0.0.1:" + socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
