package io.ferstream.registry.api;

import io.ferstream.registry.RegistryClient;
import io.ferstream.registry.SchemaRegistryServer;
import io.ferstream.registry.store.InMemorySchemaStore;
import io.ferstream.registry.store.RegistryState;
import io.ferstream.registry.store.SchemaStore;
import io.ferstream.registry.store.StoreException;
import io.ferstream.registry.store.StoreKey;
import io.ferstream.registry.store.StoreTimeoutException;
import io.ferstream.registry.store.StoreValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.ferstream.registry.Schemas.V1;
import static org.assertj.core.api.Assertions.assertThat;

/** A failing store answers 50001 (store error) or 50002 (timeout), and the state is left unchanged. */
class StoreFailureApiTest {

    @ParameterizedTest
    @CsvSource({"error, 50001", "timeout, 50002"})
    void shouldReportStoreFailures(String failure, int errorCode) {
        FailingStore store = new FailingStore(failure.equals("timeout"));
        try (SchemaRegistryServer server = SchemaRegistryServer.builder().host("localhost").port(0).store(store)
                .build().start()) {
            RegistryClient client = new RegistryClient(server.url());

            RestApiTestBase.assertError(client.post("/subjects/faces-value/versions", RegistryClient.schemaBody(V1)),
                    500, errorCode, null);
            RestApiTestBase.assertError(client.put("/config", RegistryClient.MAPPER.createObjectNode()
                    .put("compatibility", "FULL")), 500, errorCode, null);
            assertThat(client.get("/subjects").body()).isEqualTo("[]");
        }
    }

    /** Reads work, every write fails. */
    private static final class FailingStore implements SchemaStore {
        private final SchemaStore delegate = new InMemorySchemaStore();
        private final boolean timeout;

        FailingStore(boolean timeout) {
            this.timeout = timeout;
        }

        @Override
        public void init() {
            delegate.init();
        }

        @Override
        public void put(StoreKey key, StoreValue value) {
            throw timeout ? new StoreTimeoutException("simulated timeout") : new StoreException("simulated failure");
        }

        @Override
        public RegistryState state() {
            return delegate.state();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
