package io.sluice.receiver.otlp;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.Receiver;
import io.sluice.pipeline.TracesConsumer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OTLP/HTTP side of an {@code otlp} receiver: one Vert.x HTTP server that takes
 * {@code POST <traces_url_path>} exports in protobuf or JSON and pushes their spans to the
 * pipeline, counting them as {@code transport="http"}.
 *
 * <p>On start it binds the endpoint and logs the address it actually bound. With
 * {@code include_metadata: true} the request headers travel with the spans as
 * {@link io.sluice.pipeline.ClientMetadata}. On shutdown it stops
 * taking connections and waits, up to {@link #SHUTDOWN_BOUND}, for exports the pipeline has not
 * answered yet.
 */
public final class OtlpHttpReceiver implements Receiver {
  /** How long shutdown waits for in-flight exports before it gives up on them. */
  public static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(OtlpHttpReceiver.class);
  private static final int MAX_HEADER_BYTES = 1024 * 1024;

  private final ComponentId id;
  private final Vertx vertx;
  private final OtlpReceiverConfig.Http config;
  private final OtlpHttpHandler handler;
  private final InFlightExports inFlight = new InFlightExports();
  private final InflightBytes.Transport inflightBytes;
  @Nullable private volatile HttpServer server;

  /**
   * Creates the receiver with its own in-flight byte budget, sized by
   * {@code config.maxInflightBytes()}; nothing listens before {@link #start}.
   */
  public OtlpHttpReceiver(
      CreateSettings settings, OtlpReceiverConfig.Http config, TracesConsumer next) {
    this(settings, config, next,
        InflightBytes.forHeap(config.maxInflightBytes(), config.maxRequestBodyBytes()),
        OtlpHttpHandler.BodyDecoder.STANDARD);
  }

  /** Creates the receiver on a budget it may share with gRPC, decoding with {@code decoder}. */
  OtlpHttpReceiver(
      CreateSettings settings,
      OtlpReceiverConfig.Http config,
      TracesConsumer next,
      InflightBytes budget,
      OtlpHttpHandler.BodyDecoder decoder) {
    this.id = settings.id();
    this.vertx = settings.vertx();
    this.config = requireNonNull(config, "config");
    this.inflightBytes = budget.transport(settings.telemetry().registry(), id, "http");
    this.handler = new OtlpHttpHandler(vertx, id, config, requireNonNull(next, "next"),
        settings.telemetry().receiver(id, "http"), inFlight, inflightBytes, decoder);
  }

  /**
   * Binds the endpoint and logs the bound address; fails with a message naming the receiver,
   * the endpoint and the cause when the host does not resolve or the port is taken.
   */
  @Override
  public Future<Void> start(Host host) {
    LOG.info("{} receiver: OTLP/HTTP holds at most {} request bytes at once, shared with gRPC "
            + "(max_inflight_bytes {}; 0 means max heap / {}, at least 2 x max_request_body_size)",
        id, inflightBytes.capacityBytes(), config.maxInflightBytes(),
        InflightBytes.DEFAULT_HEAP_DIVISOR);
    return Listener.listen(vertx, id, "OTLP/HTTP", config.endpoint(), serverOptions(), handler)
        .onSuccess(bound -> server = bound)
        .mapEmpty();
  }

  /** Returns the port the server is bound to, or -1 before a successful start. */
  public int port() {
    HttpServer current = server;
    return current == null ? -1 : current.actualPort();
  }

  /**
   * Stops accepting connections and waits, bounded, for in-flight exports to be answered; the
   * in-flight byte gauges are removed.
   */
  @Override
  public Future<Void> shutdown() {
    HttpServer current = server;
    if (current == null) {
      inflightBytes.close();
      return Future.succeededFuture();
    }
    Future<Void> drained = inFlight.drain(vertx, SHUTDOWN_BOUND);
    Future<Void> closed = current.shutdown(SHUTDOWN_BOUND.toMillis(), TimeUnit.MILLISECONDS);
    return Future.join(drained, closed)
        .onComplete(ar -> {
          inflightBytes.close();
          logStopped();
        })
        .mapEmpty();
  }

  private HttpServerOptions serverOptions() {
    HttpServerOptions options = new HttpServerOptions()
        .setMaxHeaderSize(MAX_HEADER_BYTES)
        .setDecompressionSupported(false);
    if (!config.idleTimeout().isZero()) {
      options.setIdleTimeout((int) Math.max(1, config.idleTimeout().toMillis()))
          .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    }
    OtlpReceiverConfig.Tls tls = config.tls();
    if (tls != null) {
      options.setSsl(true).setKeyCertOptions(
          new PemKeyCertOptions().setCertPath(tls.certFile()).setKeyPath(tls.keyFile()));
    }
    return options;
  }

  private void logStopped() {
    int abandoned = inFlight.size();
    if (abandoned > 0) {
      LOG.warn("{} receiver: OTLP/HTTP stopped with {} exports still unanswered after {}", id,
          abandoned, SHUTDOWN_BOUND);
    } else {
      LOG.info("{} receiver: OTLP/HTTP stopped", id);
    }
  }
}
