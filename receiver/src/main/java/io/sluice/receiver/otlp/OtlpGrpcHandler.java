package io.sluice.receiver.otlp;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sluice.pipeline.ClientMetadata;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.TracesConsumer;
import io.sluice.pipeline.log.RateLimitedLog;
import io.sluice.pipeline.telemetry.ReceiverMetrics;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
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
import java.time.Duration;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger LOG = LoggerFactory.getLogger(OtlpGrpcHandler.class);

  private final Vertx vertx;
  private final ComponentId id;
  private final TracesConsumer next;
  private final ReceiverMetrics metrics;
  private final InFlightExports inFlight;
  private final InflightBytes.Transport inflightBytes;
  private final int maxMessageBytes;
  private final boolean includeMetadata;
  private final RateLimitedLog outOfMemoryLog =
      RateLimitedLog.of(1, Duration.ofSeconds(10));

  OtlpGrpcHandler(
      Vertx vertx,
      ComponentId id,
      TracesConsumer next,
      ReceiverMetrics metrics,
      InFlightExports inFlight,
      InflightBytes.Transport inflightBytes,
      int maxMessageBytes,
      boolean includeMetadata) {
    this.vertx = vertx;
    this.id = id;
    this.next = next;
    this.metrics = metrics;
    this.inFlight = inFlight;
    this.inflightBytes = inflightBytes;
    this.maxMessageBytes = maxMessageBytes;
    this.includeMetadata = includeMetadata;
  }

  /**
   * Answers one call. The message, already whole when Vert.x hands it over, is taken from the
   * in-flight byte budget by its size before it is decoded, and given back when the pipeline
   * has answered or the call failed.
   */
  @Override
  public void handle(GrpcServerRequest<Buffer, Buffer> request) {
    InflightBytes.Lease lease = inflightBytes.lease();
    // Replaces Vert.x's own answer to an oversized message, which carries no message text.
    Promise<Buffer> message = Promise.promise();
    request.invalidMessageHandler(message::tryFail);
    request.last().onComplete(message::tryComplete, message::tryFail);
    ClientMetadata metadata =
        includeMetadata ? RequestMetadata.of(request.headers()) : ClientMetadata.EMPTY;
    message.future()
        .compose(whole -> reserve(whole, lease))
        .compose(this::decode)
        .compose(
            export -> export(request.response(), export, metadata),
            error -> reply(request.response(), readFailure(error)))
        .onComplete(ar -> lease.release());
  }

  private static Future<Buffer> reserve(Buffer message, InflightBytes.Lease lease) {
    if (!lease.tryAcquire(message.length())) {
      return Future.failedFuture(new InflightBytesExhaustedException(lease.budgetBytes()));
    }
    return Future.succeededFuture(message);
  }

  private Future<ExportTraceServiceRequest> decode(Buffer message) {
    if (message.length() >= OtlpHttpEncoding.PROTOBUF.offloadBytes()) {
      return vertx.executeBlocking(() -> decodeNow(message), false);
    }
    try {
      return Future.succeededFuture(decodeNow(message));
    } catch (Exception | OutOfMemoryError e) {
      return Future.failedFuture(e);
    }
  }

  private static ExportTraceServiceRequest decodeNow(Buffer message) throws Exception {
    return OtlpHttpEncoding.PROTOBUF.decode(message.getBytes());
  }

  /** Calls the pipeline; the future completes once the answer is sent. */
  private Future<Void> export(
      GrpcServerResponse<Buffer, Buffer> response,
      ExportTraceServiceRequest export,
      ClientMetadata metadata) {
    Traces traces = Traces.of(export.getResourceSpansList(), metadata);
    if (traces.isEmpty()) {
      response.end(SUCCESS.copy());
      return Future.succeededFuture();
    }
    return inFlight.track(consume(traces)).transform(ar -> {
      metrics.record(traces.spanCount(), ar.succeeded());
      if (ar.succeeded()) {
        response.end(SUCCESS.copy());
        return Future.succeededFuture();
      }
      return reply(response, ExportStatus.fromPipelineError(ar.cause()));
    });
  }

  private Future<Void> consume(Traces traces) {
    try {
      return next.consume(traces);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Returns the status of a call whose message was not decoded: {@code ResourceExhausted} over
   * the size limit (as grpc-go), {@code Unavailable} with RetryInfo when the receiver had no
   * memory for it, else {@code InvalidArgument}.
   */
  private ExportStatus readFailure(Throwable error) {
    if (error instanceof MessageSizeOverflowException overflow) {
      return new ExportStatus(ExportStatus.RESOURCE_EXHAUSTED, "received message of "
          + overflow.messageSize() + " bytes, larger than max_recv_msg_size_mib allows ("
          + maxMessageBytes + " bytes)", null);
    }
    if (error instanceof OutOfMemoryError) {
      logOutOfMemory(error);
    }
    return ExportStatus.fromReadError(error);
  }

  private void logOutOfMemory(Throwable error) {
    long left = outOfMemoryLog.admit();
    if (left >= 0) {
      LOG.warn("{} receiver: out of heap memory reading an OTLP/gRPC message, answered "
              + "Unavailable ({} more since the last line); lower max_inflight_bytes (now {} "
              + "bytes) or raise the heap", id, left, inflightBytes.capacityBytes(), error);
    }
  }

  private static Future<Void> reply(
      GrpcServerResponse<Buffer, Buffer> response, ExportStatus status) {
    response.status(GrpcStatus.valueOf(status.code())).statusMessage(status.message());
    if (status.retryAfter() != null) {
      byte[] details = RpcStatus.encode(status.code(), status.message(), status.retryAfter());
      response.trailers().set(STATUS_DETAILS,
          Base64.getEncoder().withoutPadding().encodeToString(details));
    }
    response.end();
    return Future.succeededFuture();
  }
}
