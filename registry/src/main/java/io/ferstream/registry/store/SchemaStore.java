package io.ferstream.registry.store;

/**
 * Durable log of registry changes plus the state materialized from it.
 *
 * <p>Contract: when {@link #put} returns, the change is durable and already visible through
 * {@link #state()} (read-your-writes), so the registry can answer the HTTP request and the next request
 * sees it. Writes are serialized by the caller ({@code SchemaRegistry}); the store need not be safe for
 * concurrent writers, only for concurrent readers of {@link #state()}.
 */
public interface SchemaStore extends AutoCloseable {

    /** Connects and loads everything stored so far; returns when the state is up to date. */
    void init();

    /**
     * Records a change.
     *
     * @param value the new value, or {@code null} to remove the key (a tombstone in Kafka)
     * @throws StoreTimeoutException if it could not be confirmed in time
     * @throws StoreException        on any other failure
     */
    void put(StoreKey key, StoreValue value);

    /** The materialized view; safe to read from any thread. */
    RegistryState state();

    @Override
    void close();
}
