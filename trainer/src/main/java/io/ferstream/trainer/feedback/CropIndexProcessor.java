package io.ferstream.trainer.feedback;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Puts each crop from {@code crops-by-id} in the crop store under its crop id at its record timestamp. The store's
 * retention drops crops older than the crop retention (by segment, against the store's stream time); a crop older
 * than that on arrival is not stored at all.
 */
final class CropIndexProcessor implements Processor<String, CropPixels, Void, Void> {

  private final String storeName;
  private final FeedbackCounters counters;
  private WindowStore<String, CropPixels> crops;

  CropIndexProcessor(String storeName, FeedbackCounters counters) {
    this.storeName = storeName;
    this.counters = counters;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    crops = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, CropPixels> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    crops.put(record.key(), record.value(), record.timestamp());
    counters.cropIndexed();
  }
}
