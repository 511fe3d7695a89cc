package io.ferstream.classifier.topology;

import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The serdes of the topology's topics: String session-id keys, Avro values. */
public record ClassifierSerdes(Serde<String> key, Serde<FaceCrop> faceCrop, Serde<EmotionEvent> emotionEvent) {

  public static ClassifierSerdes of(Serde<FaceCrop> faceCrop, Serde<EmotionEvent> emotionEvent) {
    return new ClassifierSerdes(Serdes.String(), faceCrop, emotionEvent);
  }
}
