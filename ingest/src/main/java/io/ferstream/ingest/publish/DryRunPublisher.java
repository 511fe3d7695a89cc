package io.ferstream.ingest.publish;

import io.ferstream.ingest.core.Crop;
import io.ferstream.ingest.core.IngestStats;

/** Publishes nothing ({@code --dry-run}): crops are counted as sent and delivered at once. */
public final class DryRunPublisher implements CropPublisher {

  private final IngestStats stats;

  public DryRunPublisher(IngestStats stats) {
    this.stats = stats;
  }

  @Override
  public void publish(Crop crop) {
    stats.cropSent();
    stats.cropAcked();
  }

  @Override
  public void flush() {
    // Nothing in flight.
  }

  @Override
  public void close() {
    // Nothing held.
  }
}
