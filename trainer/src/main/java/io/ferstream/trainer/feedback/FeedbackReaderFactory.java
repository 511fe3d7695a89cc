package io.ferstream.trainer.feedback;

import io.ferstream.schemas.LabelledFeedback;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/** Builds a task's {@link FeedbackReader} from the topic's own deserializer and the shared generic one. */
record FeedbackReaderFactory(String topic, Deserializer<LabelledFeedback> specific, GenericReaders generic) {

  FeedbackReader create(Map<String, Object> streamsConfig) {
    return new FeedbackReader(topic, specific, generic.get(streamsConfig));
  }
}
