package io.sluice.receiver.otlp;

import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.Receiver;
import io.sluice.pipeline.TracesConsumer;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@code otlp} receiver: the enabled protocols' servers, started and stopped together.
 *
 * <p>If one protocol fails to start, the servers already started are stopped by the service's
 * shutdown call, which every component gets even after a failed start.
 */
public final class OtlpReceiver implements Receiver {
  private final List<Receiver> servers = new ArrayList<>();
  private final Optional<OtlpHttpReceiver> http;

  /**
   * Creates the servers of every enabled protocol, sharing one budget of in-flight request
   * bytes ({@code protocols.http.max_inflight_bytes}, or the default when only gRPC is enabled);
   * nothing listens before {@link #start}.
   */
  public OtlpReceiver(CreateSettings settings, OtlpReceiverConfig config, TracesConsumer next) {
    InflightBytes budget = budget(config);
    this.http = config.httpEnabled().map(c -> new OtlpHttpReceiver(
        settings, c, next, budget, OtlpHttpHandler.BodyDecoder.STANDARD));
    http.ifPresent(servers::add);
    config.grpcEnabled()
        .ifPresent(c -> servers.add(new OtlpGrpcReceiver(settings, c, next, budget)));
  }

  private static InflightBytes budget(OtlpReceiverConfig config) {
    long configured = config.httpEnabled().map(OtlpReceiverConfig.Http::maxInflightBytes)
        .orElse(0L);
    long largestRequest = Math.max(
        config.httpEnabled().map(OtlpReceiverConfig.Http::maxRequestBodyBytes).orElse(0L),
        config.grpcEnabled().map(g -> (long) g.maxRecvMsgSizeBytes()).orElse(0L));
    return InflightBytes.forHeap(configured, largestRequest);
  }

  /** Returns the HTTP server, when that protocol is enabled. */
  public Optional<OtlpHttpReceiver> http() {
    return http;
  }

  /** Starts every protocol's server in turn; fails with the first failure. */
  @Override
  public Future<Void> start(Host host) {
    Future<Void> started = Future.succeededFuture();
    for (Receiver server : servers) {
      started = started.compose(v -> server.start(host));
    }
    return started;
  }

  /** Stops every protocol's server; completes when all have stopped. */
  @Override
  public Future<Void> shutdown() {
    List<Future<Void>> stopped = new ArrayList<>();
    for (Receiver server : servers) {
      stopped.add(server.shutdown());
    }
    return Future.join(stopped).mapEmpty();
  }
}
