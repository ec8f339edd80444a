package io.sluice.receiver.otlp;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.TracesConsumer;
import io.sluice.pipeline.telemetry.ReceiverMetrics;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.MessageSizeOverflowException;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.Base64;

/**
 * Answers {@code opentelemetry.proto.collector.trace.v1.TraceService/Export} calls: decode, the
 * 0-span shortcut, the pipeline call, and its status (spec/collector-runtime.md §3.8).
 *
 * <p>Messages arrive as raw bytes and are parsed here, off the event loop when large, by the
 * same rule as OTLP/HTTP protobuf bodies. A failure that says when to retry carries a
 * {@code google.rpc.RetryInfo} in {@code grpc-status-details-bin}, the gRPC form of
 * {@code Retry-After}.
 */
final class OtlpGrpcHandler implements Handler<GrpcServerRequest<Buffer, Buffer>> {
  /** The one method served, with messages left as bytes. */
  static final ServiceMethod<Buffer, Buffer> EXPORT = ServiceMethod.server(
      ServiceName.create("opentelemetry.proto.collector.trace.v1.TraceService"),
      "Export",
      GrpcMessageEncoder.IDENTITY,
      GrpcMessageDecoder.IDENTITY);

  private static final Buffer SUCCESS = Buffer.buffer(new byte[] {0x0A, 0x00});
  private static final String STATUS_DETAILS = "grpc-status-details-bin";

  private final Vertx vertx;
  private final TracesConsumer next;
  private final ReceiverMetrics metrics;
  private final InFlightExports inFlight;

  OtlpGrpcHandler(
      Vertx vertx, TracesConsumer next, ReceiverMetrics metrics, InFlightExports inFlight) {
    this.vertx = vertx;
    this.next = next;
    this.metrics = metrics;
    this.inFlight = inFlight;
  }

  @Override
  public void handle(GrpcServerRequest<Buffer, Buffer> request) {
    request.last()
        .compose(this::decode)
        .onSuccess(export -> export(request.response(), export))
        .onFailure(error -> reply(request.response(), readFailure(error)));
  }

  private Future<ExportTraceServiceRequest> decode(Buffer message) {
    if (message.length() >= OtlpHttpEncoding.PROTOBUF.offloadBytes()) {
      return vertx.executeBlocking(() -> decodeNow(message), false);
    }
    try {
      return Future.succeededFuture(decodeNow(message));
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  private static ExportTraceServiceRequest decodeNow(Buffer message) throws Exception {
    return OtlpHttpEncoding.PROTOBUF.decode(message.getBytes());
  }

  private void export(
      GrpcServerResponse<Buffer, Buffer> response, ExportTraceServiceRequest export) {
    Traces traces = Traces.of(export.getResourceSpansList());
    if (traces.isEmpty()) {
      response.end(SUCCESS.copy());
      return;
    }
    inFlight.track(consume(traces)).onComplete(ar -> {
      metrics.record(traces.spanCount(), ar.succeeded());
      if (ar.succeeded()) {
        response.end(SUCCESS.copy());
      } else {
        reply(response, ExportStatus.fromPipelineError(ar.cause()));
      }
    });
  }

  private Future<Void> consume(Traces traces) {
    try {
      return next.consume(traces);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static ExportStatus readFailure(Throwable error) {
    String message = error.getMessage() != null ? error.getMessage() : error.toString();
    if (error instanceof MessageSizeOverflowException) {
      return new ExportStatus(ExportStatus.RESOURCE_EXHAUSTED, message, null);
    }
    return ExportStatus.invalidArgument(message);
  }

  private static void reply(GrpcServerResponse<Buffer, Buffer> response, ExportStatus status) {
    response.status(GrpcStatus.valueOf(status.code())).statusMessage(status.message());
    if (status.retryAfter() != null) {
      byte[] details = RpcStatus.encode(status.code(), status.message(), status.retryAfter());
      response.trailers().set(STATUS_DETAILS,
          Base64.getEncoder().withoutPadding().encodeToString(details));
    }
    response.end();
  }
}
