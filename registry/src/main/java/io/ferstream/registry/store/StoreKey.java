package io.ferstream.registry.store;

/**
 * Keys of the registry's log. Each key is one compaction unit in the {@code _schemas} topic, so the
 * latest record per key is all that has to survive.
 */
public sealed interface StoreKey {

    /** One version of one subject. */
    record SchemaKey(String subject, int version) implements StoreKey {
    }

    /** Compatibility level; {@code subject == null} is the global level. */
    record ConfigKey(String subject) implements StoreKey {
    }

    /** Mode (READWRITE/READONLY); {@code subject == null} is the global mode. */
    record ModeKey(String subject) implements StoreKey {
    }

    /**
     * Confluent writes this when a whole subject is soft-deleted. We write per-version deleted records
     * instead, but still understand it so that a topic written by Confluent replays correctly.
     */
    record DeleteSubjectKey(String subject) implements StoreKey {
    }
}
