package io.ferstream.classifier.inference;

import static org.assertj.core.api.Assertions.assertThat;

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

  /** Applies the configured count on the calling thread and reads its team size back. */
  private static int applyAndRead() {
    Nd4jRuntime.applyToCurrentThread();
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
      assertThat(CompletableFuture.supplyAsync(Nd4jRuntimeTest::applyAndRead, scorer).get()).isEqualTo(start);
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
      int after = CompletableFuture.supplyAsync(Nd4jRuntimeTest::applyAndRead, one).get();
      assertThat(after).isEqualTo(before);
      assertThat(Nd4jRuntime.describe()).contains("inference.threads=default");
    } finally {
      one.shutdownNow();
    }
  }
}
