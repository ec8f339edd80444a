package io.sluice.bench.seed;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * An OTLP/HTTP endpoint on loopback that loses spans in both ways the seed table tells apart,
 * and counts them: it refuses its first request with 400 (the client counts those spans as
 * failed) and answers its second with 200 but keeps nothing of it (a collector that lost
 * them); it keeps every later request.
 */
final class LossyCollector implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;

  // Owned by the server's event loop; read once the client has shut down.
  private int requests;
  private volatile long refusedSpans;
  private volatile long lostSpans;
  private volatile long keptSpans;

  LossyCollector() throws Exception {
    this.server = vertx.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(body -> answer(request, body)))
        .listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get();
  }

  private void answer(HttpServerRequest request, Buffer body) {
    long spans = spans(body);
    requests++;
    if (requests == 1) {
      refusedSpans += spans;
      request.response().setStatusCode(400).end();
      return;
    }
    if (requests == 2) {
      lostSpans += spans;
    } else {
      keptSpans += spans;
    }
    request.response().putHeader("Content-Type", "application/x-protobuf")
        .end(Buffer.buffer(ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
  }

  private static long spans(Buffer body) {
    try {
      return ExportTraceServiceRequest.parseFrom(body.getBytes()).getResourceSpansList().stream()
          .flatMap(resource -> resource.getScopeSpansList().stream())
          .mapToLong(scope -> scope.getSpansCount())
          .sum();
    } catch (Exception e) {
      throw new IllegalStateException("not an OTLP protobuf body", e);
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  long refusedSpans() {
    return refusedSpans;
  }

  long lostSpans() {
    return lostSpans;
  }

  long keptSpans() {
    return keptSpans;
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }
}
