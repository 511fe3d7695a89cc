package io.ferstream.classifier.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferstream.common.streams.errors.DeadLetterCounter;
import io.ferstream.common.streams.errors.DeadLetterProductionHandler;
import io.ferstream.common.streams.errors.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetterProductionHandlerTest {

  private final List<DeadLetters.Stage> counted = new ArrayList<>();
  private final DeadLetterProductionHandler handler = new DeadLetterProductionHandler();

  DeadLetterProductionHandlerTest() {
    handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq",
        DeadLetterCounter.CONFIG_KEY, (DeadLetterCounter) counted::add));
  }

  private static ErrorHandlerContext context(byte[] rawValue) {
    Headers headers = new RecordHeaders();
    headers.add("h", "v".getBytes(StandardCharsets.UTF_8));
    return new ErrorHandlerContext() {
      public String topic() { return "face-crops"; }
      public int partition() { return 2; }
      public long offset() { return 17; }
      public Headers headers() { return headers; }
      public String processorNodeId() { return "emotion-events-sink"; }
      public TaskId taskId() { return new TaskId(0, 2); }
      public long timestamp() { return 1000; }
      public byte[] sourceRawKey() { return rawValue == null ? null : "s1".getBytes(StandardCharsets.UTF_8); }
      public byte[] sourceRawValue() { return rawValue; }
    };
  }

  private static final ProducerRecord<byte[], byte[]> EVENT =
      new ProducerRecord<>("emotion-events", "s1".getBytes(StandardCharsets.UTF_8), new byte[] {9, 9});

  @Test
  void shouldDeadLetterTheSourceCropOfAnEventTheBrokerRefuses() {
    byte[] crop = {1, 2, 3};

    ProductionExceptionHandler.Response r =
        handler.handleError(context(crop), EVENT, new RecordTooLargeException("too big"));

    assertThat(r.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(r.deadLetterQueueRecords()).hasSize(1);
    ProducerRecord<byte[], byte[]> letter = r.deadLetterQueueRecords().get(0);
    assertThat(letter.topic()).isEqualTo("dlq");
    assertThat(letter.value()).isEqualTo(crop);
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_STAGE)).isEqualTo("production");
    assertThat(DeadLetters.header(letter.headers(), DeadLetters.HEADER_OFFSET)).isEqualTo("17");
    assertThat(DeadLetters.header(letter.headers(), "h")).isEqualTo("v");
    assertThat(counted).containsExactly(DeadLetters.Stage.PRODUCTION);
  }

  @Test
  void shouldDeadLetterTheEventWhenItWasForwardedFromAPunctuation() {
    ProductionExceptionHandler.Response r =
        handler.handleError(context(null), EVENT, new RecordTooLargeException("too big"));

    assertThat(r.deadLetterQueueRecords().get(0).value()).isEqualTo(new byte[] {9, 9});
  }

  @Test
  void shouldFailOnAnyOtherErrorSoTheCropIsScoredAgainAfterTheRestart() {
    assertThat(handler.handleError(context(new byte[] {1}), EVENT, new TimeoutException("slow")).result())
        .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    assertThat(handler.handleSerializationError(context(new byte[] {1}), EVENT, new SerializationException("x"),
        ProductionExceptionHandler.SerializationExceptionOrigin.VALUE).result())
        .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    assertThat(counted).isEmpty();
  }

  @Test
  void shouldFailWhenTheDeadLetterTopicItselfRefusesARecord() {
    ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>("dlq", null, new byte[] {1});
    assertThat(handler.handleError(context(null), deadLetter, new RecordTooLargeException("x")).result())
        .isEqualTo(ProductionExceptionHandler.Result.FAIL);
  }
}
