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
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers OTLP/HTTP trace exports in the collector's order (spec/collector-runtime.md §3.2):
 * content encoding, path, method, content type, body size, decoding, the 0-span shortcut, then
 * the pipeline call and its status.
 *
 * <p>Large bodies are inflated and decoded on a worker thread, so that one big export does not
 * stall every other connection on the event loop: a body goes there when its decoded size may
 * pass {@link OtlpHttpEncoding#offloadBytes()}. A gzip or zlib body may inflate up to
 * {@value #MAX_INFLATE_RATIO} times (deflate's limit), capped by the body limit; zstd, snappy
 * and lz4 bodies are assumed to reach the limit.
 *
 * <p>Every byte buffered, raw or inflated, is taken from the receiver's {@link InflightBytes}
 * budget and given back once, when the pipeline has answered or the request failed; a request
 * that finds the budget spent gets 503 with {@code Retry-After}, and so does one that runs the
 * heap out anyway.
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

  private static final Logger LOG = LoggerFactory.getLogger(OtlpHttpHandler.class);
  private static final Duration OUT_OF_MEMORY_LOG_INTERVAL = Duration.ofSeconds(10);

  /** How long the rest of an unread body is discarded before its connection is closed. */
  static final long LINGER_MILLIS = 2_000;

  private final Vertx vertx;
  private final ComponentId id;
  private final OtlpReceiverConfig.Http config;
  private final TracesConsumer next;
  private final ReceiverMetrics metrics;
  private final InFlightExports inFlight;
  private final InflightBytes.Transport inflightBytes;
  private final BodyDecoder decoder;
  private final Cors cors;
  private final RateLimitedLog outOfMemoryLog =
      RateLimitedLog.of(1, OUT_OF_MEMORY_LOG_INTERVAL);

  OtlpHttpHandler(
      Vertx vertx,
      ComponentId id,
      OtlpReceiverConfig.Http config,
      TracesConsumer next,
      ReceiverMetrics metrics,
      InFlightExports inFlight,
      InflightBytes.Transport inflightBytes,
      BodyDecoder decoder) {
    this.vertx = vertx;
    this.id = id;
    this.config = config;
    this.next = next;
    this.metrics = metrics;
    this.inFlight = inFlight;
    this.inflightBytes = inflightBytes;
    this.decoder = decoder;
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
    InflightBytes.Lease lease = inflightBytes.lease();
    readBody(request, lease)
        .compose(body -> decode(contentEncoding, encoding, body, lease))
        .compose(
            export -> export(request, encoding, export),
            error -> replyReadFailure(request, encoding, error))
        .onComplete(ar -> lease.release());
  }

  private void addResponseHeaders(HttpServerResponse response) {
    for (Map.Entry<String, String> header : config.responseHeaders().entrySet()) {
      response.putHeader(header.getKey(), header.getValue());
    }
  }

  /**
   * Returns the body, buffered in an array taken from {@code lease} as it arrives; fails at the
   * first chunk that passes the body limit or the budget, and buffers nothing after that.
   */
  private Future<byte[]> readBody(HttpServerRequest request, InflightBytes.Lease lease) {
    long maxBytes = config.maxRequestBodyBytes();
    long declared = parseLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
    if (declared > maxBytes) {
      return Future.failedFuture(new BodyTooLargeException(maxBytes));
    }
    Promise<byte[]> promise = Promise.promise();
    LeasedBytes body = new LeasedBytes(lease, maxBytes, declared);
    request.handler(chunk -> {
      if (!promise.future().isComplete()) {
        tryRun(promise, () -> body.append(chunk));
      }
    });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> tryRun(promise, () -> promise.tryComplete(body.toByteArray())));
    return promise.future();
  }

  /** Runs {@code step}, failing {@code promise} instead of throwing, even when out of memory. */
  private static void tryRun(Promise<?> promise, IoStep step) {
    try {
      step.run();
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      promise.tryFail(e);
    }
  }

  private Future<ExportTraceServiceRequest> decode(
      String contentEncoding, OtlpHttpEncoding encoding, byte[] body, InflightBytes.Lease lease) {
    long decodedBound = decodedBoundBytes(contentEncoding, body.length);
    if (decodedBound >= encoding.offloadBytes()) {
      return vertx.executeBlocking(
          () -> decodeNow(contentEncoding, encoding, body, lease), false);
    }
    try {
      return Future.succeededFuture(decodeNow(contentEncoding, encoding, body, lease));
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Returns the most bytes {@code bodyBytes} may decode to: deflate's ratio for gzip and zlib,
   * the body limit for zstd, snappy and lz4, whose ratios are far higher (a zstd frame of a few
   * bytes can describe megabytes).
   */
  private long decodedBoundBytes(String contentEncoding, int bodyBytes) {
    return switch (contentEncoding) {
      case "" -> bodyBytes;
      case "gzip", "zlib", "deflate" ->
          Math.min(config.maxRequestBodyBytes(), bodyBytes * (long) MAX_INFLATE_RATIO);
      default -> config.maxRequestBodyBytes();
    };
  }

  private ExportTraceServiceRequest decodeNow(
      String contentEncoding, OtlpHttpEncoding encoding, byte[] body, InflightBytes.Lease lease)
      throws IOException {
    return decoder.decode(contentEncoding, encoding, body, config.maxRequestBodyBytes(), lease);
  }

  private ClientMetadata metadata(HttpServerRequest request) {
    return config.includeMetadata() ? RequestMetadata.of(request.headers()) : ClientMetadata.EMPTY;
  }

  /** Calls the pipeline; the future completes once the answer is sent. */
  private Future<Void> export(
      HttpServerRequest request, OtlpHttpEncoding encoding, ExportTraceServiceRequest export) {
    Traces traces = Traces.of(export.getResourceSpansList(), metadata(request));
    if (traces.isEmpty()) {
      replySuccess(request, encoding);
      return Future.succeededFuture();
    }
    return inFlight.track(consume(traces)).transform(ar -> {
      metrics.record(traces.spanCount(), ar.succeeded());
      if (ar.succeeded()) {
        replySuccess(request, encoding);
      } else {
        replyStatus(request, encoding, ExportStatus.fromPipelineError(ar.cause()));
      }
      return Future.succeededFuture();
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

  /**
   * Answers a request that was not read or decoded: 413 past the body limit, 503 with
   * {@code Retry-After} when the receiver had no memory for it, else 400. Nothing is counted in
   * accepted or refused spans, since none were decoded. A body not read to its end is not
   * buffered: the rest is discarded for at most {@link #LINGER_MILLIS}, then the connection is
   * closed.
   */
  private Future<Void> replyReadFailure(
      HttpServerRequest request, OtlpHttpEncoding encoding, Throwable error) {
    if (error instanceof OutOfMemoryError) {
      logOutOfMemory(error);
    }
    ExportStatus status = ExportStatus.fromReadError(error);
    int httpStatus = error instanceof BodyTooLargeException ? 413 : status.httpStatus();
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return Future.succeededFuture();
    }
    boolean closeAfter = !request.isEnded() && request.version() != HttpVersion.HTTP_2;
    if (closeAfter) {
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    status.retryAfterSeconds().ifPresent(seconds -> response.putHeader("Retry-After", seconds));
    Future<Void> sent = response.setStatusCode(httpStatus)
        .putHeader(HttpHeaders.CONTENT_TYPE, encoding.contentType())
        .end(Buffer.buffer(encoding.statusBody(status.code(), status.message())));
    if (closeAfter) {
      sent.onComplete(ar -> closeAfterLinger(request));
    }
    return Future.succeededFuture();
  }

  /**
   * Closes the connection of a request whose body was not read, after discarding what the client
   * still sends until it ends or for {@link #LINGER_MILLIS}. Closing at once while the client is
   * still sending makes its TCP stack answer with a reset that can destroy our reply before the
   * client reads it (the lingering close of RFC 9112 §9.6); discarding holds no memory.
   */
  private void closeAfterLinger(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    if (request.isEnded()) {
      connection.close();
      return;
    }
    long timer = vertx.setTimer(LINGER_MILLIS, id -> connection.close());
    try {
      request.handler(discarded -> { });
      request.endHandler(v -> {
        vertx.cancelTimer(timer);
        connection.close();
      });
      request.resume();
    } catch (IllegalStateException ended) {
      // The body ended between the check and the handlers: nothing is left to discard.
      vertx.cancelTimer(timer);
      connection.close();
    }
  }

  private void logOutOfMemory(Throwable error) {
    long left = outOfMemoryLog.admit();
    if (left >= 0) {
      LOG.warn("{} receiver: out of heap memory reading an OTLP/HTTP request, answered 503 "
              + "({} more since the last line); lower max_inflight_bytes (now {} bytes) or "
              + "raise the heap", id, left, inflightBytes.capacityBytes(), error);
    }
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

  /** Returns the declared length, or -1 when the header is absent or not a number. */
  private static long parseLength(@Nullable String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A step that may throw an {@link IOException}. */
  @FunctionalInterface
  private interface IoStep {
    void run() throws IOException;
  }

  /** Turns a request body into an export request; tests replace it to inject failures. */
  @FunctionalInterface
  interface BodyDecoder {
    /** Decompresses and decodes, taking the decompressed bytes from {@code lease}. */
    BodyDecoder STANDARD = (contentEncoding, encoding, body, maxBytes, lease) ->
        encoding.decode(ContentEncodings.decode(contentEncoding, body, maxBytes, lease));

    /** Returns the request in {@code body}; throws with a message for the client. */
    ExportTraceServiceRequest decode(
        String contentEncoding,
        OtlpHttpEncoding encoding,
        byte[] body,
        long maxBytes,
        InflightBytes.Lease lease)
        throws IOException;
  }
}
