package io.sluice.bench;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * An OTLP/HTTP endpoint on loopback that keeps every request it accepted and answers each after
 * {@code delayMillis} with {@code status}: a stand-in for a collector that is fast, slow or
 * refusing.
 */
final class FakeCollector implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final List<ResourceSpans> accepted = new ArrayList<>();
  private final int status;
  private final long delayMillis;
  private final HttpServer server;

  FakeCollector(int status, long delayMillis) throws Exception {
    this.status = status;
    this.delayMillis = delayMillis;
    this.server = vertx.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(body -> answer(request, body)))
        .listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get();
  }

  private void answer(HttpServerRequest request, Buffer body) {
    if (status == 200) {
      keep(body);
    }
    Runnable respond = () -> request.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/x-protobuf")
        .end(Buffer.buffer(ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
    if (delayMillis == 0) {
      respond.run();
    } else {
      vertx.setTimer(delayMillis, id -> respond.run());
    }
  }

  private synchronized void keep(Buffer body) {
    try {
      accepted.addAll(ExportTraceServiceRequest.parseFrom(body.getBytes()).getResourceSpansList());
    } catch (Exception e) {
      throw new IllegalStateException("not an OTLP protobuf body", e);
    }
  }

  /** Returns the base URL, {@code http://127.0.0.1:<port>}. */
  String endpoint() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Returns the resource spans of every request answered with 200 so far. */
  synchronized List<ResourceSpans> accepted() {
    return List.copyOf(accepted);
  }

  /** Returns the spans in {@link #accepted()}. */
  synchronized long acceptedSpans() {
    return accepted.stream()
        .flatMap(resource -> resource.getScopeSpansList().stream())
        .mapToLong(scope -> scope.getSpansCount())
        .sum();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }
}
