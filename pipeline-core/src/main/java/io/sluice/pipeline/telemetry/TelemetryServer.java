package io.sluice.pipeline.telemetry;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the internal telemetry as Prometheus text on {@code GET /metrics}, like the collector's
 * {@code :8888} endpoint: any method on {@code /metrics} gets the exposition, every other path
 * a 404 with Go's {@code 404 page not found} body. Responses are gzipped when the scraper asks.
 */
public final class TelemetryServer {
  private static final Logger LOG = LoggerFactory.getLogger(TelemetryServer.class);
  private static final String PATH = "/metrics";

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final Supplier<String> exposition;
  @Nullable private volatile HttpServer server;

  /**
   * Creates an unstarted server.
   *
   * @param host the address to bind; empty means every interface
   * @param port the port to bind; 0 picks a free one
   * @param exposition produces the body; called on the event loop, so it must be cheap
   */
  public TelemetryServer(Vertx vertx, String host, int port, Supplier<String> exposition) {
    this.vertx = requireNonNull(vertx, "vertx");
    this.host = host.isEmpty() ? "0.0.0.0" : host;
    this.port = port;
    this.exposition = requireNonNull(exposition, "exposition");
  }

  /** Binds the listener and logs the address it actually bound. */
  public Future<Void> start() {
    HttpServerOptions options =
        new HttpServerOptions().setHost(host).setPort(port).setCompressionSupported(true)
            // Plain HTTP/1.1, as the collector's Prometheus endpoint: no h2c upgrade.
            .setHttp2ClearTextEnabled(false);
    return vertx
        .createHttpServer(options)
        .requestHandler(this::handle)
        .listen()
        .onSuccess(this::started)
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "internal telemetry: cannot listen on " + host + ":" + port
                + " (service.telemetry.metrics): " + e.getMessage(), e)))
        .mapEmpty();
  }

  /** Returns the bound port; only valid after {@link #start()} succeeded. */
  public int actualPort() {
    HttpServer s = server;
    if (s == null) {
      throw new IllegalStateException("telemetry server is not started");
    }
    return s.actualPort();
  }

  /** Closes the listener; a server that never started closes at once. */
  public Future<Void> shutdown() {
    HttpServer s = server;
    server = null;
    return s == null ? Future.succeededFuture() : s.close();
  }

  private void started(HttpServer s) {
    server = s;
    LOG.info("Internal telemetry: serving Prometheus metrics on http://{}:{}{} "
        + "(service.telemetry.metrics {}:{})", host, s.actualPort(), PATH, host, port);
  }

  private void handle(HttpServerRequest request) {
    if (!PATH.equals(request.path())) {
      request.response()
          .setStatusCode(404)
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .putHeader("X-Content-Type-Options", "nosniff")
          .end("404 page not found\n");
      return;
    }
    request.response().putHeader("Content-Type", PrometheusText.CONTENT_TYPE)
        .end(exposition.get());
  }
}
