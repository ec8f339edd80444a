package io.sluice.bench.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * The loopback ports one collector listens on, moved off the defaults (4318, 8888, 13133, 16686,
 * 16685) with {@code --set}, which Sluice and Jaeger v2 both accept.
 *
 * @param otlpHttp the OTLP/HTTP receiver
 * @param metrics the Prometheus endpoint of the collector's own telemetry
 * @param health the {@code healthcheckv2} extension
 * @param queryHttp the {@code jaeger_query} HTTP API
 * @param queryGrpc the {@code jaeger_query} gRPC API
 */
record Ports(int otlpHttp, int metrics, int health, int queryHttp, int queryGrpc) {

  /** Returns five consecutive ports from {@code base}. */
  static Ports from(int base) {
    return new Ports(base, base + 1, base + 2, base + 3, base + 4);
  }

  /** Returns five ports that were free a moment ago. */
  static Ports free() {
    return new Ports(freePort(), freePort(), freePort(), freePort(), freePort());
  }

  /** Returns the {@code --set} arguments that move the user's config onto these ports. */
  List<String> setArguments() {
    return List.of(
        "--set", "receivers.otlp.protocols.http.endpoint=127.0.0.1:" + otlpHttp,
        "--set", "service.telemetry.metrics.address=127.0.0.1:" + metrics,
        "--set", "extensions.healthcheckv2.http.endpoint=127.0.0.1:" + health,
        "--set", "extensions.jaeger_query.http.endpoint=127.0.0.1:" + queryHttp,
        "--set", "extensions.jaeger_query.grpc.endpoint=127.0.0.1:" + queryGrpc);
  }

  /** Returns the OTLP/HTTP base URL for the load generator. */
  String otlpEndpoint() {
    return "http://127.0.0.1:" + otlpHttp;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
