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

  /** Creates the servers of every enabled protocol; nothing listens before {@link #start}. */
  public OtlpReceiver(CreateSettings settings, OtlpReceiverConfig config, TracesConsumer next) {
    this.http = config.httpEnabled().map(c -> new OtlpHttpReceiver(settings, c, next));
    http.ifPresent(servers::add);
    config.grpcEnabled().ifPresent(c -> servers.add(new OtlpGrpcReceiver(settings, c, next)));
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
