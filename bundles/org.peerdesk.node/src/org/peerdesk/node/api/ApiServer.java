package org.peerdesk.node.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.peerdesk.core.Threads;
import org.peerdesk.core.PeerdeskException;

/**
 * A small HTTP/JSON server on the loopback interface. Every request must carry the node's API key
 * in {@code X-API-Key} (compared in constant time); bodies are limited in size; every answer is a
 * JSON object, errors as {@code {"error": "..."}} with a fitting status.
 */
final class ApiServer implements AutoCloseable {

    private static final Logger LOG = System.getLogger(ApiServer.class.getName());
    static final String KEY_HEADER = "X-API-Key";
    private static final int MAX_BODY = 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, Threads.daemon("peerdesk-admin-api"));
    private final byte[] key;
    private final Map<String, Map<String, Endpoint>> routes = new ConcurrentHashMap<>();

    ApiServer(int firstPort, int portsToTry, String key) throws IOException {
        this.key = key.getBytes(StandardCharsets.US_ASCII);
        this.server = bind(firstPort, portsToTry);
        server.setExecutor(threads);
        server.start();
    }

    private static HttpServer bind(int firstPort, int portsToTry) throws IOException {
        BindException last = null;
        for (int port = firstPort; port < firstPort + Math.max(1, portsToTry); port++) {
            try {
                return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            } catch (BindException e) {
                last = e;
            }
        }
        throw last;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code method path} with {@code endpoint}. */
    void route(String method, String path, Endpoint endpoint) {
        routes.computeIfAbsent(path, unused -> {
            Map<String, Endpoint> methods = new ConcurrentHashMap<>();
            server.createContext(path, exchange -> {
                try (exchange) {
                    answer(exchange, path, methods);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "Admin API request {0} failed: {1}", path, e.toString());
                }
            });
            return methods;
        }).put(method, endpoint);
    }

    private void answer(HttpExchange exchange, String path, Map<String, Endpoint> methods) throws IOException {
        if (!authorized(exchange)) {
            send(exchange, 401, Map.of("error", "Missing or wrong API key (header " + KEY_HEADER + ")."));
            return;
        }
        if (!exchange.getRequestURI().getPath().equals(path)) {
            send(exchange, 404, Map.of("error", "No such endpoint: " + exchange.getRequestURI().getPath()));
            return;
        }
        Endpoint endpoint = methods.get(exchange.getRequestMethod());
        if (endpoint == null) {
            send(exchange, 405, Map.of("error", path + " takes " + String.join(" or ", methods.keySet()) + ", not "
                    + exchange.getRequestMethod() + "."));
            return;
        }
        try {
            send(exchange, 200, endpoint.call(body(exchange)));
        } catch (ApiError e) {
            send(exchange, e.status(), Map.of("error", e.getMessage()));
        } catch (TimeoutException e) {
            send(exchange, 504, Map.of("error", "The operation did not finish in time; it may still complete."));
        } catch (Exception e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            int status = cause instanceof PeerdeskException ? 502 : 500;
            send(exchange, status, Map.of("error", cause.getMessage() == null ? cause.toString() : cause.getMessage()));
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst(KEY_HEADER);
        return given != null && MessageDigest.isEqual(key, given.getBytes(StandardCharsets.US_ASCII));
    }

    private static Map<String, Object> body(HttpExchange exchange) throws IOException, ApiError {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw ApiError.badRequest("The request body is larger than " + MAX_BODY + " bytes.");
            }
            if (bytes.length == 0) {
                return Map.of();
            }
            return Bodies.parse(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, int status, Object value) throws IOException {
        byte[] json = JSON.std.asBytes(value);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
