package io.ferstream.classifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferstream.classifier.inference.EngineKind;
import io.ferstream.classifier.topology.EagerCommitPolicy;
import io.ferstream.common.streams.errors.DeadLetterCounter;
import io.ferstream.common.streams.errors.DeadLetterDeserializationHandler;
import io.ferstream.common.streams.errors.DeadLetterProcessingHandler;
import io.ferstream.common.streams.errors.DeadLetterProductionHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ClassifierConfigTest {

  @Test
  void shouldDefaultToExactlyOnceV2() {
    ClassifierConfig config = ClassifierConfig.of(Map.of());
    assertThat(config.processingGuarantee()).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(config.exactlyOnce()).isTrue();
    assertThat(config.applicationId()).isEqualTo("ferstream-classifier");
  }

  @Test
  void shouldAllowAtLeastOnceAndRefuseAnythingElse() {
    assertThat(ClassifierConfig.of(Map.of(ClassifierConfig.PROCESSING_GUARANTEE, "at_least_once")).exactlyOnce())
        .isFalse();
    assertThatThrownBy(() -> ClassifierConfig.of(Map.of(ClassifierConfig.PROCESSING_GUARANTEE, "exactly_once")))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void shouldValidateBatchSettings() {
    assertThatThrownBy(() -> ClassifierConfig.of(Map.of(ClassifierConfig.BATCH_MAX_SIZE, 0)))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> ClassifierConfig.of(Map.of(ClassifierConfig.BATCH_MAX_DELAY_MS, -1)))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void shouldAllowOneBatchInFlightByDefaultAndRefuseNoneOrMoreThanEight() {
    assertThat(ClassifierConfig.of(Map.of()).batchMaxInFlight()).isEqualTo(1);
    assertThat(ClassifierConfig.of(Map.of(ClassifierConfig.BATCH_MAX_IN_FLIGHT, 2)).batchMaxInFlight()).isEqualTo(2);
    assertThatThrownBy(() -> ClassifierConfig.of(Map.of(ClassifierConfig.BATCH_MAX_IN_FLIGHT, 0)))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> ClassifierConfig.of(Map.of(ClassifierConfig.BATCH_MAX_IN_FLIGHT, 9)))
        .isInstanceOf(ConfigException.class);
    assertThat(StreamsSettings.from(ClassifierConfig.of(Map.of()), stage -> { }))
        .as("a classifier key, not passed to Kafka Streams")
        .doesNotContainKey(ClassifierConfig.BATCH_MAX_IN_FLIGHT);
  }

  @Test
  void shouldCommitOnForwardWhileWithinTheLagBoundByDefaultAndRefuseABoundBelowMinusOne() {
    assertThat(ClassifierConfig.of(Map.of()).eagerCommitPolicy()).isEqualTo(new EagerCommitPolicy(true, 500, 10));
    assertThat(ClassifierConfig.of(Map.of(ClassifierConfig.BATCH_COMMIT_ON_FORWARD, false,
        ClassifierConfig.BATCH_COMMIT_ON_FORWARD_MAX_LAG_MS, -1)).eagerCommitPolicy())
        .isEqualTo(new EagerCommitPolicy(false, -1, 10));
    assertThatThrownBy(() -> ClassifierConfig.of(Map.of(ClassifierConfig.BATCH_COMMIT_ON_FORWARD_MAX_LAG_MS, -2)))
        .isInstanceOf(ConfigException.class);
    assertThat(ClassifierConfig.of(Map.of(ClassifierConfig.BATCH_COMMIT_ON_FORWARD_MIN_SPACING_MS, 0))
        .eagerCommitPolicy()).isEqualTo(new EagerCommitPolicy(true, 500, 0));
    assertThatThrownBy(() -> ClassifierConfig.of(Map.of(ClassifierConfig.BATCH_COMMIT_ON_FORWARD_MIN_SPACING_MS, -1)))
        .isInstanceOf(ConfigException.class);
    assertThat(StreamsSettings.from(ClassifierConfig.of(Map.of()), stage -> { }))
        .as("a classifier key, not passed to Kafka Streams")
        .doesNotContainKey(ClassifierConfig.BATCH_COMMIT_ON_FORWARD_MAX_LAG_MS);
  }

  @Test
  void shouldDerivePunctuationIntervalFromTheMaxDelay() {
    assertThat(ClassifierConfig.of(Map.of(ClassifierConfig.BATCH_MAX_DELAY_MS, 50)).punctuateInterval())
        .isEqualTo(Duration.ofMillis(5));
    assertThat(ClassifierConfig.of(Map.of(ClassifierConfig.BATCH_MAX_DELAY_MS, 1_000)).punctuateInterval())
        .isEqualTo(Duration.ofMillis(10));
    assertThat(ClassifierConfig.of(Map.of(ClassifierConfig.BATCH_MAX_DELAY_MS, 0)).punctuateInterval())
        .isEqualTo(Duration.ofMillis(1));
    assertThat(ClassifierConfig.of(Map.of(ClassifierConfig.BATCH_PUNCTUATE_INTERVAL_MS, 7)).punctuateInterval())
        .isEqualTo(Duration.ofMillis(7));
  }

  @Test
  void shouldPassKafkaKeysThroughAndSetTheHandlersAndDeadLetterTopic() {
    DeadLetterCounter counter = stage -> { };
    ClassifierConfig config = ClassifierConfig.of(Map.of(
        "commit.interval.ms", "20",
        ClassifierConfig.BATCH_MAX_SIZE, 8,
        ClassifierConfig.TOPIC_FACE_CROPS_DLQ, "my-dlq",
        ClassifierConfig.APPLICATION_ID, "app-1"));

    Properties props = StreamsSettings.from(config, counter);

    assertThat(props).containsEntry("commit.interval.ms", "20")
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "app-1")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            DeadLetterDeserializationHandler.class.getName())
        .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            DeadLetterProcessingHandler.class.getName())
        .containsEntry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
            DeadLetterProductionHandler.class.getName())
        .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "my-dlq")
        .containsEntry(DeadLetterCounter.CONFIG_KEY, counter)
        .containsEntry(StreamsConfig.POLL_MS_CONFIG, "5")
        .containsEntry("producer.retry.backoff.ms", "5")
        .doesNotContainKey(ClassifierConfig.BATCH_MAX_SIZE)
        .doesNotContainKey(ClassifierConfig.TOPIC_FACE_CROPS_DLQ);
    // Kafka Streams accepts the result.
    new StreamsConfig(props);
  }

  @Test
  void shouldKeepAProducerRetryBackoffTheUserSets() {
    Properties props = StreamsSettings.from(ClassifierConfig.of(Map.of("producer.retry.backoff.ms", "250")), stage -> { });
    assertThat(props).containsEntry("producer.retry.backoff.ms", "250");
  }

  @Test
  void shouldDefaultToTheAutoEngineAndRefuseUnknownOnes() {
    assertThat(ClassifierConfig.of(Map.of()).inferenceEngine()).isEqualTo(EngineKind.AUTO);
    assertThat(ClassifierConfig.of(Map.of(ClassifierConfig.INFERENCE_ENGINE, "dl4j")).inferenceEngine())
        .isEqualTo(EngineKind.DL4J);
    assertThat(ClassifierConfig.of(Map.of(ClassifierConfig.INFERENCE_ENGINE, "samediff")).inferenceEngine())
        .isEqualTo(EngineKind.SAMEDIFF);
    assertThatThrownBy(() -> ClassifierConfig.of(Map.of(ClassifierConfig.INFERENCE_ENGINE, "onnx")))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void shouldDefaultToAutomaticThreadsSlicesAndTeamsAndRefuseNegativeOnes() {
    ClassifierConfig defaults = ClassifierConfig.of(Map.of());
    assertThat(defaults.inferenceThreads()).isZero();
    assertThat(defaults.inferenceSlices()).isZero();
    assertThat(defaults.inferenceCropsPerThread()).isEqualTo(4);
    assertThat(ClassifierConfig.of(Map.of(ClassifierConfig.INFERENCE_CROPS_PER_THREAD, "0")).inferenceCropsPerThread())
        .isZero();
    assertThatThrownBy(() -> ClassifierConfig.of(Map.of(ClassifierConfig.INFERENCE_CROPS_PER_THREAD, "-1")))
        .isInstanceOf(ConfigException.class);
    assertThat(ClassifierConfig.of(Map.of(ClassifierConfig.INFERENCE_SLICES, "1")).inferenceSlices()).isEqualTo(1);
    assertThatThrownBy(() -> ClassifierConfig.of(Map.of(ClassifierConfig.INFERENCE_SLICES, "-1")))
        .isInstanceOf(ConfigException.class);
    // ours, not Kafka Streams': not passed through
    assertThat(StreamsSettings.from(ClassifierConfig.of(Map.of(ClassifierConfig.INFERENCE_SLICES, "2")), stage -> { }))
        .doesNotContainKey(ClassifierConfig.INFERENCE_SLICES);
  }

  @Test
  void shouldResolveTheDefaultReleasePathAgainstFerstreamHomeOnlyWhenNotSet() {
    String before = System.getProperty(ClassifierConfig.FERSTREAM_HOME_PROPERTY);
    try {
      System.clearProperty(ClassifierConfig.FERSTREAM_HOME_PROPERTY);
      assertThat(ClassifierConfig.of(Map.of()).releaseDefaultPath()).isEqualTo("releases");

      System.setProperty(ClassifierConfig.FERSTREAM_HOME_PROPERTY, "/opt/ferstream");
      assertThat(ClassifierConfig.of(Map.of()).releaseDefaultPath())
          .isEqualTo(java.nio.file.Path.of("/opt/ferstream", "releases").toString());
      // a value that is set is used as given (relative to the working directory when relative)
      assertThat(ClassifierConfig.of(Map.of(ClassifierConfig.RELEASE_DEFAULT_PATH, "my/releases"))
          .releaseDefaultPath()).isEqualTo("my/releases");
    } finally {
      if (before == null) {
        System.clearProperty(ClassifierConfig.FERSTREAM_HOME_PROPERTY);
      } else {
        System.setProperty(ClassifierConfig.FERSTREAM_HOME_PROPERTY, before);
      }
    }
  }
}
