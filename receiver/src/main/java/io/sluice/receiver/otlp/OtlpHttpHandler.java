package io.sluice.receiver.otlp;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.TracesConsumer;
import io.sluice.pipeline.telemetry.ReceiverMetrics;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Answers OTLP/HTTP trace exports in the collector's order (spec/collector-runtime.md §3.2):
 * content encoding, path, method, content type, body size, decoding, the 0-span shortcut, then
 * the pipeline call and its status.
 *
 * <p>Large bodies are inflated and decoded on a worker thread, so that one big export does not
 * stall every other connection on the event loop: a body goes there when its decoded size may
 * pass {@link OtlpHttpEncoding#offloadBytes()}. A compressed body may inflate up to
 * {@value #MAX_INFLATE_RATIO} times (deflate's limit), capped by the body limit.
 */
final class OtlpHttpHandler implements Handler<HttpServerRequest> {
  /** The most a deflate stream (gzip, zlib) can expand: about 1032 to 1. */
  static final int MAX_INFLATE_RATIO = 1032;

  private static final String TEXT_PLAIN = "text/plain";
  private static final String METHOD_NOT_ALLOWED = "405 method not allowed, supported: [POST]";
  private static final String UNSUPPORTED_MEDIA_TYPE =
      "415 unsupported media type, supported: [application/json, application/x-protobuf]";
  private static final String FALLBACK_ERROR =
      "{\"code\": 13, \"message\": \"failed to marshal error message\"}";

  private final Vertx vertx;
  private final OtlpReceiverConfig.Http config;
  private final TracesConsumer next;
  private final ReceiverMetrics metrics;
  private final InFlightExports inFlight;
  private final Cors cors;

  OtlpHttpHandler(
      Vertx vertx,
      OtlpReceiverConfig.Http config,
      TracesConsumer next,
      ReceiverMetrics metrics,
      InFlightExports inFlight) {
    this.vertx = vertx;
    this.config = config;
    this.next = next;
    this.metrics = metrics;
    this.inFlight = inFlight;
    this.cors = new Cors(config.cors());
  }

  @Override
  public void handle(HttpServerRequest request) {
    addResponseHeaders(request.response());
    if (cors.handle(request)) {
      return;
    }
    String contentEncoding = headerOrEmpty(request, HttpHeaders.CONTENT_ENCODING);
    if (!config.compressionAlgorithms().contains(contentEncoding)) {
      replyReadError(request, "unsupported Content-Encoding: " + contentEncoding);
      return;
    }
    if (!request.path().equals(config.tracesUrlPath())) {
      reply(request, 404, "text/plain; charset=utf-8", "404 page not found\n");
      return;
    }
    if (request.method() != HttpMethod.POST) {
      reply(request, 405, TEXT_PLAIN, METHOD_NOT_ALLOWED);
      return;
    }
    OtlpHttpEncoding encoding =
        OtlpHttpEncoding.forContentType(request.getHeader(HttpHeaders.CONTENT_TYPE));
    if (encoding == null) {
      reply(request, 415, TEXT_PLAIN, UNSUPPORTED_MEDIA_TYPE);
      return;
    }
    readBody(request)
        .compose(body -> decode(contentEncoding, encoding, body))
        .onSuccess(export -> export(request, encoding, export))
        .onFailure(error -> replyBadRequest(request, encoding, error));
  }

  private void addResponseHeaders(HttpServerResponse response) {
    for (Map.Entry<String, String> header : config.responseHeaders().entrySet()) {
      response.putHeader(header.getKey(), header.getValue());
    }
  }

  private Future<Buffer> readBody(HttpServerRequest request) {
    long maxBytes = config.maxRequestBodyBytes();
    String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && parseLength(declared) > maxBytes) {
      return Future.failedFuture(new BodyTooLargeException(maxBytes));
    }
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(chunk -> {
      if (body.length() + (long) chunk.length() > maxBytes) {
        promise.tryFail(new BodyTooLargeException(maxBytes));
      } else if (!promise.future().isComplete()) {
        body.appendBuffer(chunk);
      }
    });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> promise.tryComplete(body));
    return promise.future();
  }

  private Future<ExportTraceServiceRequest> decode(
      String contentEncoding, OtlpHttpEncoding encoding, Buffer body) {
    long decodedBound = contentEncoding.isEmpty()
        ? body.length()
        : Math.min(config.maxRequestBodyBytes(), body.length() * (long) MAX_INFLATE_RATIO);
    if (decodedBound >= encoding.offloadBytes()) {
      return vertx.executeBlocking(() -> decodeNow(contentEncoding, encoding, body), false);
    }
    try {
      return Future.succeededFuture(decodeNow(contentEncoding, encoding, body));
    } catch (IOException | RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private ExportTraceServiceRequest decodeNow(
      String contentEncoding, OtlpHttpEncoding encoding, Buffer body) throws IOException {
    byte[] bytes =
        ContentEncodings.decode(contentEncoding, body.getBytes(), config.maxRequestBodyBytes());
    return encoding.decode(bytes);
  }

  private void export(
      HttpServerRequest request, OtlpHttpEncoding encoding, ExportTraceServiceRequest export) {
    Traces traces = Traces.of(export.getResourceSpansList());
    if (traces.isEmpty()) {
      replySuccess(request, encoding);
      return;
    }
    inFlight.track(consume(traces)).onComplete(ar -> {
      metrics.record(traces.spanCount(), ar.succeeded());
      if (ar.succeeded()) {
        replySuccess(request, encoding);
      } else {
        replyStatus(request, encoding, ExportStatus.fromPipelineError(ar.cause()));
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

  private void replySuccess(HttpServerRequest request, OtlpHttpEncoding encoding) {
    reply(request, 200, encoding.contentType(), Buffer.buffer(encoding.successBody()));
  }

  private void replyBadRequest(
      HttpServerRequest request, OtlpHttpEncoding encoding, Throwable error) {
    String message = error.getMessage() != null ? error.getMessage() : error.toString();
    ExportStatus status = ExportStatus.invalidArgument(message);
    int httpStatus = error instanceof BodyTooLargeException ? 413 : 400;
    if (httpStatus == 413) {
      // The rest of an oversized body is not read; closing is cheaper than draining it.
      request.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
    reply(request, httpStatus, encoding.contentType(),
        Buffer.buffer(encoding.statusBody(status.code(), status.message())));
  }

  private void replyStatus(
      HttpServerRequest request, OtlpHttpEncoding encoding, ExportStatus status) {
    status.retryAfterSeconds()
        .ifPresent(seconds -> request.response().putHeader("Retry-After", seconds));
    reply(request, status.httpStatus(), encoding.contentType(),
        Buffer.buffer(encoding.statusBody(status.code(), status.message())));
  }

  /**
   * Answers an error found before the body is read, the way the collector's error handler
   * does: a 400 Status in the request's encoding, or a fixed 500 for other content types.
   */
  private void replyReadError(HttpServerRequest request, String message) {
    OtlpHttpEncoding encoding =
        OtlpHttpEncoding.forContentType(request.getHeader(HttpHeaders.CONTENT_TYPE));
    if (encoding == null) {
      reply(request, 500, TEXT_PLAIN, FALLBACK_ERROR);
      return;
    }
    reply(request, 400, encoding.contentType(),
        Buffer.buffer(encoding.statusBody(ExportStatus.INVALID_ARGUMENT, message)));
  }

  private static void reply(
      HttpServerRequest request, int status, String contentType, String body) {
    reply(request, status, contentType, Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static void reply(
      HttpServerRequest request, int status, String contentType, Buffer body) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
  }

  private static String headerOrEmpty(HttpServerRequest request, CharSequence name) {
    @Nullable String value = request.getHeader(name);
    return value == null ? "" : value;
  }

  private static long parseLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
