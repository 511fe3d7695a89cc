package io.ferstream.serde;

import io.ferstream.serde.testing.TestRegistry;

/** The round trips against module ferstream-registry's embedded Schema Registry, the real REST implementation. */
class EmbeddedRegistryRoundTripTest extends SerdeRoundTripContract {

  @Override
  TestRegistry.Kind kind() {
    return TestRegistry.Kind.EMBEDDED;
  }
}
