package io.ferstream.common.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

  @Test
  void shouldMakeADaemonThreadWithTheGivenName() {
    Thread t = DaemonThreads.named("worker-under-test").newThread(() -> {});

    assertThat(t.isDaemon()).isTrue();
    assertThat(t.getName()).isEqualTo("worker-under-test");
  }

  @Test
  void shouldRunTheRunnable() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    String[] ranOn = new String[1];
    Thread t = DaemonThreads.named("runner-under-test").newThread(() -> {
      ranOn[0] = Thread.currentThread().getName();
      ran.countDown();
    });

    t.start();

    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ranOn[0]).isEqualTo("runner-under-test");
  }
}
