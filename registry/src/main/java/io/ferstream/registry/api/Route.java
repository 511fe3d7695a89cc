package io.ferstream.registry.api;

import java.util.List;
import java.util.Map;

/** One endpoint: method plus a path template like {@code /subjects/{subject}/versions/{version}}. */
record Route(String method, List<String> template, Handler handler) {

    /** Handles a matched request. */
    @FunctionalInterface
    interface Handler {
        RestResponse handle(RestRequest request);
    }

    static Route of(String method, String path, Handler handler) {
        return new Route(method, HttpRouter.split(path), handler);
    }

    /** @return the path parameters when the decoded segments fit the template, else {@code null} */
    Map<String, String> match(List<String> segments) {
        if (segments.size() != template.size()) {
            return null;
        }
        Map<String, String> params = new java.util.HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                params.put(part.substring(1, part.length() - 1), segments.get(i));
            } else if (!part.equals(segments.get(i))) {
                return null;
            }
        }
        return params;
    }

    /** Literal segments win over parameters when two templates match the same path. */
    int literalCount() {
        return (int) template.stream().filter(p -> !p.startsWith("{")).count();
    }
}
