package io.sluice.bench.floor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback OTLP/HTTP endpoint that answers 200 to every {@code POST /v1/traces} and keeps the
 * request bodies until taken: the floor's way to get the exact protobuf an SDK sends a collector.
 * The caller takes the bodies after each export, so at most one export's bodies are held.
 */
final class OtlpSink implements AutoCloseable {
  private final HttpServer server;
  // Guarded by itself: written by the server's thread, taken by the caller.
  private final List<byte[]> bodies = new ArrayList<>();

  private OtlpSink(HttpServer server) {
    this.server = server;
  }

  /** Starts the sink on a free port of 127.0.0.1. */
  static OtlpSink start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    OtlpSink sink = new OtlpSink(server);
    server.createContext("/v1/traces", sink::receive);
    server.start();
    return sink;
  }

  /** Returns the URL to give the OTLP/HTTP span exporter. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  /** Returns and forgets the bodies received so far, in arrival order. */
  List<byte[]> takeBodies() {
    synchronized (bodies) {
      List<byte[]> taken = List.copyOf(bodies);
      bodies.clear();
      return taken;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      synchronized (bodies) {
        bodies.add(body);
      }
    }
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }
}
