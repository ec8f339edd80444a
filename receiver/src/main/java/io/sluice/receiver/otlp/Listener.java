package io.sluice.receiver.otlp;

import io.sluice.pipeline.ComponentId;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds a receiver's HTTP server the same way for both protocols: the configured host is
 * resolved once and that one address is bound, as Go's listener does, and the address actually
 * bound is logged, so an operator sees {@code 127.0.0.1:4318} rather than {@code localhost:4318}.
 */
final class Listener {
  private static final Logger LOG = LoggerFactory.getLogger(Listener.class);

  private Listener() {}

  /**
   * Returns the bound server; fails with a message naming the receiver, the protocol, the
   * endpoint and the cause when the host does not resolve or the port cannot be bound.
   */
  static Future<HttpServer> listen(
      Vertx vertx,
      ComponentId id,
      String protocol,
      Endpoint endpoint,
      HttpServerOptions options,
      Handler<HttpServerRequest> handler) {
    return vertx.executeBlocking(() -> InetAddress.getByName(endpoint.host()), false)
        .compose(address -> bind(vertx, options, handler, endpoint, address)
            .onSuccess(server -> LOG.info("{} receiver: {} listening on {} (endpoint {})", id,
                protocol, new Endpoint(address.getHostAddress(), server.actualPort()), endpoint)))
        .recover(e -> Future.failedFuture(new IllegalStateException(
            id + " receiver: cannot listen for " + protocol + " on endpoint " + endpoint + ": "
                + (e.getMessage() != null ? e.getMessage() : e.toString()), e)));
  }

  private static Future<HttpServer> bind(
      Vertx vertx,
      HttpServerOptions options,
      Handler<HttpServerRequest> handler,
      Endpoint endpoint,
      InetAddress address) {
    return vertx.createHttpServer(options)
        .requestHandler(handler)
        .listen(endpoint.port(), address.getHostAddress());
  }
}
