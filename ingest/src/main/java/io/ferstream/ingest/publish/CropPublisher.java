package io.ferstream.ingest.publish;

import io.ferstream.ingest.core.Crop;

/** Where crops go: Kafka, or nowhere (a dry run), or files. */
public interface CropPublisher extends AutoCloseable {

  /**
   * Hands a crop over; delivery may complete later (counted in the run's stats).
   *
   * @throws PublishException when the publisher cannot go on (Kafka or the registry unreachable, a delivery
   *     already failed): the run stops instead of losing every following crop too
   */
  void publish(Crop crop) throws PublishException;

  /** Waits until every crop handed over is delivered or has failed. */
  void flush();

  @Override
  void close();
}
