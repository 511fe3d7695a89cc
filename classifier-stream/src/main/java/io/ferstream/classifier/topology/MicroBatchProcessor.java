package io.ferstream.classifier.topology;

import io.ferstream.classifier.metrics.ClassifierMetrics;
import io.ferstream.schemas.EmotionEvent;
import io.ferstream.schemas.FaceCrop;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's side of the micro-batch. A valid crop is written to the task's logged pending store and added to its
 * thread's {@link BatchCoordinator}; when a batch is scored, each task forwards its own events (in its
 * {@code process} or wall-clock punctuation) and deletes their crops from the store in the same step.
 *
 * <p>Exactly-once: the store, the events and the input offsets are committed in one transaction, so after a crash
 * every crop is either still in the restored store (scored again, forwarded once) or was forwarded and deleted in a
 * committed transaction. Whatever the coordinator holds in memory is only a copy of the store.
 */
final class MicroBatchProcessor implements Processor<String, FaceCrop, String, EmotionEvent> {

  private static final Logger log = LoggerFactory.getLogger(MicroBatchProcessor.class);

  private final String storeName;
  private final CoordinatorRegistry registry;
  private final ClassifierMetrics metrics;
  private final LongSupplier clock;
  private final Duration punctuateInterval;
  private final EagerCommitPolicy eagerCommit;

  private ProcessorContext<String, EmotionEvent> context;
  private KeyValueStore<Long, PendingCrop> store;
  private Cancellable punctuation;
  private TaskSlot slot;
  private long nextSeq;
  /** Wall clock minus record timestamp of the newest crop this task processed: how far behind the stream is. */
  private long arrivalLagMs;
  /** When this task last asked for an early commit (wall clock ms). */
  private long lastEarlyCommitMs = Long.MIN_VALUE / 2;
  /** Events were forwarded whose early commit has not been asked for yet (it waits for the spacing). */
  private boolean earlyCommitPending;

  MicroBatchProcessor(String storeName, CoordinatorRegistry registry, ClassifierMetrics metrics, LongSupplier clock,
      Duration punctuateInterval, EagerCommitPolicy eagerCommit) {
    this.storeName = storeName;
    this.registry = registry;
    this.metrics = metrics;
    this.clock = clock;
    this.punctuateInterval = punctuateInterval;
    this.eagerCommit = eagerCommit;
  }

  @Override
  public void init(ProcessorContext<String, EmotionEvent> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    this.slot = null;
    this.punctuation = context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
  }

  @Override
  public void process(Record<String, FaceCrop> record) {
    byte[] pixels = CropValidator.validate(record.value());
    TaskSlot s = slot();
    long now = clock.getAsLong();
    arrivalLagMs = now - record.timestamp();
    PendingCrop crop = new PendingCrop(nextSeq++, record.value(), pixels, record.timestamp(), now);
    store.put(crop.seq(), crop);
    s.coordinator().add(s, crop);
    metrics.cropReceived();
    s.coordinator().scoreIfFull(now);
    forwardScored(s);
    commitIfDeferredAndDue();
  }

  private void punctuate(long timestamp) {
    TaskSlot s = slot();
    s.coordinator().scoreIfDue(clock.getAsLong());
    forwardScored(s);
    commitIfDeferredAndDue();
  }

  @Override
  public void close() {
    if (punctuation != null) {
      punctuation.cancel();
      punctuation = null;
    }
    if (slot != null) {
      slot.coordinator().detach(slot);
      slot = null;
    }
  }

  /** This task's slot in the current thread's coordinator; on first use, reloads the crops the store holds. */
  private TaskSlot slot() {
    BatchCoordinator coordinator = registry.forCurrentThread();
    if (slot != null && slot.coordinator() == coordinator) {
      return slot;
    }
    if (slot != null) {
      slot.coordinator().detach(slot);
    }
    slot = coordinator.attach(context.taskId());
    nextSeq = 0;
    int restored = 0;
    try (KeyValueIterator<Long, PendingCrop> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<Long, PendingCrop> kv = it.next();
        PendingCrop p = kv.value;
        coordinator.add(slot, new PendingCrop(kv.key, p.crop(), p.pixels(), p.recordTimestamp(), p.enqueuedAtMs()));
        nextSeq = Math.max(nextSeq, kv.key + 1);
        restored++;
      }
    }
    if (restored > 0) {
      log.info("Task {}: {} pending crop(s) restored from the store; they join the next batch",
          context.taskId(), restored);
    }
    return slot;
  }

  private void forwardScored(TaskSlot s) {
    long now = clock.getAsLong();
    boolean forwarded = false;
    for (ScoredCrop scored = s.pollScored(); scored != null; scored = s.pollScored()) {
      PendingCrop p = scored.pending();
      context.forward(new Record<>(p.crop().getSessionId(), EmotionEvents.from(scored), p.recordTimestamp()));
      store.delete(p.seq());
      metrics.eventForwarded(scored.queueDelayMs(), now - p.crop().getIngestTimestamp().toEpochMilli());
      forwarded = true;
    }
    if (!forwarded) {
      return;
    }
    boolean early = eagerCommit.commitAfterForward(arrivalLagMs);
    metrics.batchForwarded(early);
    if (early) {
      // asked for at once, or once the spacing has passed (commitIfDeferredAndDue)
      earlyCommitPending = true;
    }
  }

  private void commitIfDeferredAndDue() {
    long now = clock.getAsLong();
    if (earlyCommitPending && eagerCommit.spacedEnough(now - lastEarlyCommitMs)) {
      // Commit after this loop of the stream thread rather than at the next commit interval. When pipelined, the
      // batch in flight is scored meanwhile, so the commit's wait costs no inference time.
      context.commit();
      lastEarlyCommitMs = now;
      earlyCommitPending = false;
    }
  }
}
