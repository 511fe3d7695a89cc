package io.ferstream.classifier.topology;

import io.ferstream.schemas.EmotionEvent;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** The pending-crops store, unlogged, registered with a {@link MockProcessorContext} for processor unit tests. */
final class PendingStores {

  private PendingStores() {}

  static KeyValueStore<Long, PendingCrop> attach(MockProcessorContext<String, EmotionEvent> context) {
    KeyValueStore<Long, PendingCrop> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ClassifierTopology.PENDING_STORE), Serdes.Long(), new PendingCropSerde())
        .withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }
}
