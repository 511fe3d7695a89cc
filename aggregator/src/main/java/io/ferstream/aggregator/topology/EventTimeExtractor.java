package io.ferstream.aggregator.topology;

import io.ferstream.schemas.EmotionEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Windows are in event time: the capture time of the crop's frame ({@code frameTimestamp}), so that a replayed or
 * lagging session is windowed by when its faces were filmed, not by when they were classified. A record without a
 * usable frame time falls back to the record timestamp, then to the partition's stream time.
 */
public final class EventTimeExtractor implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof EmotionEvent event && event.getFrameTimestamp() != null
        && event.getFrameTimestamp().toEpochMilli() >= 0) {
      return event.getFrameTimestamp().toEpochMilli();
    }
    return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
  }
}
