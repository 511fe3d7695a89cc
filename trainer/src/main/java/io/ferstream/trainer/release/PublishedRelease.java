package io.ferstream.trainer.release;

import io.ferstream.schemas.ReleaseAction;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A release record the broker acknowledged.
 *
 * @param artifactUri the reference published, or null for an inline bundle
 * @param archived where the bundle is archived in the release store (whatever the transport)
 * @param recordBytes the serialized value's size, what counts against {@code max.message.bytes}
 */
public record PublishedRelease(String topic, int partition, long offset, Instant recordTimestamp, String releaseId,
    ReleaseAction action, ArtifactTransport transport, String artifactUri, String sha256, long sizeBytes,
    long recordBytes, Path archived) {}
