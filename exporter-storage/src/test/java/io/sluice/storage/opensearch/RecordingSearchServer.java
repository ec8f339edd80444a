package io.sluice.storage.opensearch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.annotation.Nullable;

/**
 * A stand-in for an OpenSearch node on loopback that answers {@code GET /}, template PUTs and
 * {@code _bulk} (every item created) and records each request's method, path and
 * {@code Authorization} header.
 */
final class RecordingSearchServer implements AutoCloseable {
  private static final String ROOT = "{\"version\":{\"distribution\":\"opensearch\","
      + "\"number\":\"2.19.6\"}}";

  /** One request as the server saw it; {@code authorization} is null when the header was absent. */
  record Request(String method, String path, @Nullable String authorization) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private RecordingSearchServer(HttpServer server) {
    this.server = server;
  }

  /** Starts a server on a free loopback port. */
  static RecordingSearchServer start() throws IOException {
    HttpServer http = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    RecordingSearchServer recording = new RecordingSearchServer(http);
    http.createContext("/", recording::handle);
    http.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "recording-search-server");
      t.setDaemon(true);
      return t;
    }));
    http.start();
    return recording;
  }

  /** Returns {@code http://127.0.0.1:<port>}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Returns the port. */
  int port() {
    return server.getAddress().getPort();
  }

  /** Returns the requests so far, in arrival order. */
  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Returns the bulk requests so far, in arrival order. */
  List<Request> bulkRequests() {
    return requests().stream().filter(r -> r.path().equals("/_bulk")).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getPath();
    requests.add(new Request(exchange.getRequestMethod(), path,
        exchange.getRequestHeaders().getFirst("Authorization")));
    String answer = switch (path) {
      case "/" -> ROOT;
      case "/_bulk" -> bulkAnswer(body);
      default -> "{\"acknowledged\":true}";
    };
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String bulkAnswer(byte[] ndjson) {
    long lines = new String(ndjson, StandardCharsets.UTF_8).lines().count();
    StringBuilder answer = new StringBuilder("{\"took\":1,\"errors\":true,\"items\":[");
    for (long i = 0; i < lines / 2; i++) {
      answer.append(i == 0 ? "" : ",").append("{\"index\":{\"status\":201}}");
    }
    return answer.append("]}").toString();
  }
}
