package io.sluice.collector;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.Factories;
import io.sluice.pipeline.service.Service;
import io.sluice.pipeline.service.ServiceConfig;
import io.sluice.pipeline.status.StatusRegistry;
import io.sluice.pipeline.telemetry.InternalTelemetry;
import io.sluice.pipeline.telemetry.Telemetry;
import io.sluice.pipeline.telemetry.TelemetryFactory;
import io.sluice.pipeline.telemetry.TelemetryServer;
import java.util.Optional;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Sluice: Vert.x, the internal telemetry endpoint and the service graph of a
 * decoded config. Start order: telemetry, then the service; shutdown the other way, so the
 * metrics endpoint is the last thing to go.
 */
public final class Collector {
  private static final Logger log = LoggerFactory.getLogger(Collector.class);

  private final Vertx vertx;
  private final InternalTelemetry telemetry;
  private final Optional<TelemetryServer> telemetryServer;
  private final Service service;

  private Collector(
      Vertx vertx,
      InternalTelemetry telemetry,
      Optional<TelemetryServer> server,
      Service service) {
    this.vertx = vertx;
    this.telemetry = telemetry;
    this.telemetryServer = server;
    this.service = service;
  }

  /** Builds (does not start) a collector for {@code config}. */
  public static Collector create(ServiceConfig config, StatusRegistry status, Factories factories) {
    requireNonNull(config, "config");
    Vertx vertx = Vertx.vertx();
    try {
      InternalTelemetry telemetry = TelemetryFactory.create(config.telemetry(), Version.get());
      Optional<TelemetryServer> server = telemetry.newServer(vertx);
      Service service =
          Service.build(config, factories, vertx, telemetry.telemetry(), status);
      return new Collector(vertx, telemetry, server, service);
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  /** Returns the service graph, for tests that look at its extensions. */
  public Service service() {
    return service;
  }

  /** Returns the telemetry every component records into. */
  public Telemetry telemetry() {
    return telemetry.telemetry();
  }

  /** Returns the Prometheus text the telemetry endpoint serves, for tests. */
  public String scrape() {
    return telemetry.scrape();
  }

  /** Starts the telemetry endpoint, then the service. */
  public Future<Void> start() {
    Future<Void> server =
        telemetryServer.map(TelemetryServer::start).orElse(Future.succeededFuture());
    return server.compose(ignored -> service.start());
  }

  /** Shuts the service down (draining it), then the telemetry endpoint, then Vert.x. */
  public Future<Void> shutdown() {
    long startNanos = System.nanoTime();
    return service.shutdown()
        .eventually(() -> telemetryServer.map(TelemetryServer::shutdown)
            .orElse(Future.succeededFuture()))
        .eventually(() -> vertx.close())
        .eventually(() -> {
          telemetry.close();
          return Future.succeededFuture();
        })
        .onComplete(ignored -> log.info("Shutdown complete in {} ms",
            (System.nanoTime() - startNanos) / 1_000_000));
  }
}
