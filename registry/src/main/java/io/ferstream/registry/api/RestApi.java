package io.ferstream.registry.api;

import io.ferstream.registry.core.SchemaRegistry;

/** Wires every resource of Confluent's REST API onto one router. */
public final class RestApi {
    private RestApi() {
    }

    public static HttpRouter router(SchemaRegistry registry) {
        HttpRouter router = new HttpRouter();
        RootResource.register(router);
        SubjectsResource.register(router, registry);
        SubjectVersionsResource.register(router, registry);
        SchemasResource.register(router, registry);
        CompatibilityResource.register(router, registry);
        ConfigResource.register(router, registry);
        ModeResource.register(router, registry);
        return router;
    }
}
