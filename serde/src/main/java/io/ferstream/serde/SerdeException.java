package io.ferstream.serde;

import io.ferstream.serde.client.SchemaRegistryException;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record could not be serialized or deserialized. Extends Kafka's {@link SerializationException} so that
 * producers, consumers and Kafka Streams' exception handlers treat it as the poison-pill kind of failure it
 * is; subclasses name the causes callers act on (dead-lettering a malformed payload, backing off when the
 * registry is down).
 */
public class SerdeException extends SerializationException {

  public SerdeException(String message) {
    super(message);
  }

  public SerdeException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The registry's answer behind this failure, when there was one. */
  public Optional<SchemaRegistryException> registryError() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryException registry) {
        return Optional.of(registry);
      }
    }
    return Optional.empty();
  }
}
