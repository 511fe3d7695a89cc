package io.ferstream.common.concurrent;

import java.util.concurrent.ThreadFactory;

/**
 * Makes the named daemon threads that FerStream's background work runs on. Daemon, because these
 * threads must never keep the JVM alive after the app's runner has closed; in one place, so that
 * every such thread is built, and named, the same way.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** A factory whose threads are daemons called exactly {@code name}. */
  public static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
