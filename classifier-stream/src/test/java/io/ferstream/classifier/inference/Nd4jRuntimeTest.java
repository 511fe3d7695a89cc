package io.ferstream.classifier.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jRuntimeTest {

  private int maxThreads;
  private int maxMasterThreads;

  @BeforeEach
  void remember() {
    Environment env = Nd4j.getEnvironment();
    maxThreads = env.maxThreads();
    maxMasterThreads = env.maxMasterThreads();
  }

  @AfterEach
  void restore() {
    Nd4jRuntime.configure(0);
    Environment env = Nd4j.getEnvironment();
    env.setMaxThreads(maxThreads);
    env.setMaxMasterThreads(maxMasterThreads);
  }

  /** Applies the configured count on the calling thread, as the engines do for a large batch, and reads it back. */
  private static int applyAndRead() {
    Nd4jRuntime.applyToCurrentThread(Nd4jRuntime.teamFor(Integer.MAX_VALUE, Nd4jRuntime.effectiveThreads()));
    return Nd4jRuntime.ompThreadsOfCurrentThread();
  }

  @Test
  void shouldSetTheOpenMpTeamSizeOfEachThreadThatAppliesIt() throws Exception {
    ExecutorService scorer = Executors.newSingleThreadExecutor();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Nd4jRuntime.configure(1);
      assertThat(CompletableFuture.supplyAsync(Nd4jRuntimeTest::applyAndRead, scorer).get()).isEqualTo(1);
      assertThat(CompletableFuture.supplyAsync(Nd4jRuntime::ompThreadsOfCurrentThread, scorer).get()).isEqualTo(1);

      Nd4jRuntime.configure(3);
      // the thread that applied 1 follows the new count, and so does a thread that never ran inference
      assertThat(CompletableFuture.supplyAsync(Nd4jRuntimeTest::applyAndRead, scorer).get()).isEqualTo(3);
      assertThat(CompletableFuture.supplyAsync(Nd4jRuntimeTest::applyAndRead, other).get()).isEqualTo(3);
      assertThat(Nd4jRuntime.describe()).contains("inference.threads=3");

      int start = CompletableFuture.supplyAsync(Nd4jRuntime::ompThreadsOfCurrentThread).get();
      Nd4jRuntime.configure(0);
      assertThat(CompletableFuture.supplyAsync(() -> {
        Nd4jRuntime.applyToCurrentThread(0);
        return Nd4jRuntime.ompThreadsOfCurrentThread();
      }, scorer).get()).isEqualTo(start);
    } finally {
      scorer.shutdownNow();
      other.shutdownNow();
    }
  }

  @Test
  void shouldLeaveTheThreadAloneWhenThreadsIsZero() throws Exception {
    Nd4jRuntime.configure(0);
    int before = CompletableFuture.supplyAsync(Nd4jRuntime::ompThreadsOfCurrentThread).get();
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      int after = CompletableFuture.supplyAsync(() -> {
        Nd4jRuntime.applyToCurrentThread(0);
        return Nd4jRuntime.ompThreadsOfCurrentThread();
      }, one).get();
      assertThat(after).isEqualTo(before);
      assertThat(Nd4jRuntime.describe()).contains("inference.threads=default");
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void shouldGiveAPassOneThreadPerCropsPerThreadUpToItsShare() {
    Nd4jRuntime.configure(4, 0, 8);
    assertThat(Nd4jRuntime.teamFor(1, 4)).isEqualTo(1);
    assertThat(Nd4jRuntime.teamFor(8, 4)).isEqualTo(1);
    assertThat(Nd4jRuntime.teamFor(9, 4)).isEqualTo(2);
    assertThat(Nd4jRuntime.teamFor(17, 4)).isEqualTo(3);
    assertThat(Nd4jRuntime.teamFor(1000, 4)).isEqualTo(4);
    assertThat(Nd4jRuntime.teamFor(1000, 2)).isEqualTo(2); // a slice's share, not the whole count
    assertThat(Nd4jRuntime.teamFor(5, 0)).isEqualTo(1);
    assertThat(Nd4jRuntime.describe()).contains("inference.crops.per.thread=8");

    Nd4jRuntime.configure(4, 0, 0); // 0: always the whole share
    assertThat(Nd4jRuntime.teamFor(1, 4)).isEqualTo(4);
    assertThat(Nd4jRuntime.describe()).contains("inference.crops.per.thread=whole share");
  }

  @Test
  void shouldRefuseNegativeSettings() {
    assertThatThrownBy(() -> Nd4jRuntime.useThreads(1, 0, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("crops per thread");
    assertThatThrownBy(() -> Nd4jRuntime.useThreads(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
