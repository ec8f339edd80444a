package io.sluice.receiver.otlp;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.Receiver;
import io.sluice.pipeline.TracesConsumer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.grpc.server.GrpcProtocol;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OTLP/gRPC side of an {@code otlp} receiver: a Vert.x gRPC server over HTTP/2 (cleartext
 * with prior knowledge, or TLS) serving {@code TraceService/Export}, counting spans as
 * {@code transport="grpc"}.
 *
 * <p>Only the trace service is registered, so calls for metrics or logs get
 * {@code Unimplemented}, as in a collector with only trace pipelines. Messages larger than
 * {@code max_recv_msg_size_mib} (default 4 MiB) are refused, and a message is taken only when
 * its size fits the receiver's in-flight byte budget (else {@code Unavailable} with RetryInfo).
 * {@code read_buffer_size}, {@code write_buffer_size} and {@code keepalive} are accepted but
 * not applied; with {@code include_metadata: true} the call's metadata travels with its spans
 * as {@link io.sluice.pipeline.ClientMetadata}. Shutdown stops taking calls (HTTP/2
 * GOAWAY) and waits, up to {@link OtlpHttpReceiver#SHUTDOWN_BOUND}, for exports in flight.
 */
public final class OtlpGrpcReceiver implements Receiver {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpGrpcReceiver.class);

  /** The HTTP/2 flow-control window of each stream: room for a whole 4 MiB export. */
  static final int STREAM_WINDOW_BYTES = 4 * 1024 * 1024;

  /** The HTTP/2 flow-control window of a connection, shared by its streams. */
  static final int CONNECTION_WINDOW_BYTES = 16 * 1024 * 1024;

  private final ComponentId id;
  private final Vertx vertx;
  private final OtlpReceiverConfig.Grpc config;
  private final InFlightExports inFlight = new InFlightExports();
  private final InflightBytes.Transport inflightBytes;
  private final GrpcServer grpc;
  @Nullable private volatile HttpServer server;

  /**
   * Creates the receiver with its own in-flight byte budget (the default: a quarter of the
   * heap, at least two messages of the largest size); nothing listens before {@link #start}.
   */
  public OtlpGrpcReceiver(
      CreateSettings settings, OtlpReceiverConfig.Grpc config, TracesConsumer next) {
    this(settings, config, next, InflightBytes.forHeap(0, config.maxRecvMsgSizeBytes()));
  }

  /** Creates the receiver on a budget it may share with OTLP/HTTP. */
  OtlpGrpcReceiver(
      CreateSettings settings,
      OtlpReceiverConfig.Grpc config,
      TracesConsumer next,
      InflightBytes budget) {
    this.id = settings.id();
    this.vertx = settings.vertx();
    this.config = requireNonNull(config, "config");
    this.inflightBytes = budget.transport(settings.telemetry().registry(), id, "grpc");
    OtlpGrpcHandler handler = new OtlpGrpcHandler(vertx, id, requireNonNull(next, "next"),
        settings.telemetry().receiver(id, "grpc"), inFlight, inflightBytes,
        config.maxRecvMsgSizeBytes(), config.includeMetadata());
    this.grpc = GrpcServer.server(vertx, new GrpcServerOptions()
            .removeEnabledProtocol(GrpcProtocol.WEB)
            .removeEnabledProtocol(GrpcProtocol.WEB_TEXT)
            .removeEnabledProtocol(GrpcProtocol.TRANSCODING)
            .setMaxMessageSize(config.maxRecvMsgSizeBytes()))
        .callHandler(OtlpGrpcHandler.EXPORT, handler);
  }

  /**
   * Binds the endpoint and logs the bound address; fails with a message naming the receiver,
   * the endpoint and the cause when the host does not resolve or the port is taken.
   */
  @Override
  public Future<Void> start(Host host) {
    LOG.info("{} receiver: OTLP/gRPC holds at most {} request bytes at once, shared with HTTP",
        id, inflightBytes.capacityBytes());
    return Listener.listen(vertx, id, "OTLP/gRPC", config.endpoint(), serverOptions(), grpc)
        .onSuccess(bound -> server = bound)
        .mapEmpty();
  }

  /** Returns the port the server is bound to, or -1 before a successful start. */
  public int port() {
    HttpServer current = server;
    return current == null ? -1 : current.actualPort();
  }

  /** Stops taking calls and waits, bounded, for in-flight exports to be answered. */
  @Override
  public Future<Void> shutdown() {
    HttpServer current = server;
    if (current == null) {
      inflightBytes.close();
      return Future.succeededFuture();
    }
    long boundMillis = OtlpHttpReceiver.SHUTDOWN_BOUND.toMillis();
    Future<Void> drained = inFlight.drain(vertx, OtlpHttpReceiver.SHUTDOWN_BOUND);
    Future<Void> closed = current.shutdown(boundMillis, TimeUnit.MILLISECONDS);
    return Future.join(drained, closed)
        .onComplete(ar -> {
          inflightBytes.close();
          LOG.info("{} receiver: OTLP/gRPC stopped", id);
        })
        .mapEmpty();
  }

  private HttpServerOptions serverOptions() {
    // HTTP/2's default 64 KiB flow-control window makes every export larger than it wait a round
    // trip for a WINDOW_UPDATE; a 512-span export is about 126 KB.
    Http2Settings settings = new Http2Settings().setInitialWindowSize(STREAM_WINDOW_BYTES);
    if (config.maxConcurrentStreams() > 0) {
      settings.setMaxConcurrentStreams(config.maxConcurrentStreams());
    }
    HttpServerOptions options = new HttpServerOptions()
        .setHttp2ClearTextEnabled(true)
        .setInitialSettings(settings)
        .setHttp2ConnectionWindowSize(CONNECTION_WINDOW_BYTES);
    OtlpReceiverConfig.Tls tls = config.tls();
    if (tls != null) {
      options.setSsl(true)
          .setUseAlpn(true)
          .setKeyCertOptions(
              new PemKeyCertOptions().setCertPath(tls.certFile()).setKeyPath(tls.keyFile()));
    }
    return options;
  }
}
