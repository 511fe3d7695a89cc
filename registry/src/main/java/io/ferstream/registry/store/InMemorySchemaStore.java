package io.ferstream.registry.store;

/** Keeps everything in memory: for tests and throw-away local runs. Lost on close. */
public final class InMemorySchemaStore implements SchemaStore {
    private final RegistryState state = new RegistryState();

    @Override
    public void init() {
        // nothing to load
    }

    @Override
    public void put(StoreKey key, StoreValue value) {
        state.apply(key, value);
    }

    @Override
    public RegistryState state() {
        return state;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
