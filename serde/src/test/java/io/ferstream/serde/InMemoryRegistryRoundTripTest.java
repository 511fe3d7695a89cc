package io.ferstream.serde;

import io.ferstream.serde.testing.TestRegistry;

/** The round trips against the in-memory stand-in registry (also counts HTTP requests for the caching test). */
class InMemoryRegistryRoundTripTest extends SerdeRoundTripContract {

  @Override
  TestRegistry.Kind kind() {
    return TestRegistry.Kind.IN_MEMORY_REST;
  }
}
