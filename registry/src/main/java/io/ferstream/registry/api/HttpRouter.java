package io.ferstream.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.ferstream.registry.core.RegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one {@link HttpHandler} of the server: matches the path against the registered routes, does
 * content negotiation, runs the handler and renders errors as Confluent does
 * ({@code {"error_code": N, "message": "..."}}).
 *
 * <p>Checks happen in Jersey's order (unknown path 404, wrong method 405, request type 415, Accept
 * 406), so misbehaving clients get the same answers as from Confluent.
 */
public final class HttpRouter implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);
    private final List<Route> routes = new ArrayList<>();

    public HttpRouter get(String path, Route.Handler handler) {
        return add("GET", path, handler);
    }

    public HttpRouter post(String path, Route.Handler handler) {
        return add("POST", path, handler);
    }

    public HttpRouter put(String path, Route.Handler handler) {
        return add("PUT", path, handler);
    }

    public HttpRouter delete(String path, Route.Handler handler) {
        return add("DELETE", path, handler);
    }

    private HttpRouter add(String method, String path, Route.Handler handler) {
        routes.add(Route.of(method, path, handler));
        routes.sort(Comparator.comparingInt(Route::literalCount).reversed());
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String responseType = MediaTypes.V1_JSON;
        RestResponse response;
        try {
            byte[] body = readBody(exchange);
            List<String> segments = split(exchange.getRequestURI().getRawPath());
            Route route = null;
            Map<String, String> params = null;
            boolean pathKnown = false;
            for (Route candidate : routes) {
                Map<String, String> match = candidate.match(segments);
                if (match == null) {
                    continue;
                }
                pathKnown = true;
                if (candidate.method().equals(exchange.getRequestMethod())) {
                    route = candidate;
                    params = match;
                    break;
                }
            }
            if (route == null) {
                throw new HttpStatusException(pathKnown ? 405 : 404);
            }
            if (body.length > 0 && !MediaTypes.isAcceptedRequestType(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                throw new HttpStatusException(415);
            }
            String negotiated = MediaTypes.negotiate(exchange.getRequestHeaders().getFirst("Accept"));
            if (negotiated == null) {
                throw new HttpStatusException(406);
            }
            responseType = negotiated;
            RestRequest request = new RestRequest(exchange.getRequestMethod(), params,
                    parseQuery(exchange.getRequestURI().getRawQuery()), body);
            response = route.handler().handle(request);
        } catch (RegistryException e) {
            if (e.code().httpStatus() >= 500) {
                LOG.error("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage(), e);
            }
            response = new RestResponse(e.code().httpStatus(), Json.error(e.code().errorCode(), e.getMessage()), null);
        } catch (HttpStatusException e) {
            response = new RestResponse(e.status(), Json.error(e.status(), e.getMessage()), null);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            response = new RestResponse(500, Json.error(500, "Internal Server Error: " + e.getMessage()), null);
        }
        send(exchange, response, responseType);
    }

    private static void send(HttpExchange exchange, RestResponse response, String contentType) throws IOException {
        byte[] bytes;
        if (response.raw() != null) {
            bytes = response.raw().getBytes(StandardCharsets.UTF_8);
        } else {
            JsonNode json = response.json();
            bytes = Json.MAPPER.writeValueAsBytes(json);
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    /** Splits a raw path into percent-decoded segments; '+' stays '+' (it is not a space in paths). */
    static List<String> split(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                segments.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }
}
