package io.sluice.query.http;

import static java.util.Objects.requireNonNull;

import io.sluice.query.api.ApiResponses;
import io.sluice.query.api.QueryApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import javax.annotation.Nullable;

/**
 * The HTTP server of {@code jaeger_query}: the query API under {@code {base_path}/api} and the
 * trace viewer page for every other path under {@code base_path}, as Jaeger's router does.
 *
 * <p>With a base path, {@code {base_path}} alone is redirected to {@code {base_path}/} and a
 * path outside it gets Go's {@code 404 page not found}.
 */
public final class QueryHttpServer {
  private static final int MAX_HEADER_BYTES = 1 << 20;

  private final Vertx vertx;
  private final ListenAddress address;
  private final String basePath;
  private final QueryApi api;
  private final UiAssets ui;
  @Nullable private volatile HttpServer server;

  /**
   * Returns an unstarted server.
   *
   * @param basePath "" to serve at {@code /}, or a path such as {@code /jaeger} that starts and
   *     does not end with a slash
   */
  public QueryHttpServer(Vertx vertx, ListenAddress address, String basePath, QueryApi api) {
    this.vertx = requireNonNull(vertx, "vertx");
    this.address = requireNonNull(address, "address");
    this.basePath = requireNonNull(basePath, "basePath");
    this.api = requireNonNull(api, "api");
    this.ui = new UiAssets(basePath);
  }

  /**
   * Loads the page and binds the listener; fails with a message naming the address and the
   * cause (for example a port in use).
   */
  public Future<Void> start() {
    Router router = router();
    return ui.load(vertx.getOrCreateContext())
        .compose(v -> vertx.createHttpServer(options()).requestHandler(router).listen())
        .onSuccess(s -> server = s)
        .mapEmpty();
  }

  /** Returns the bound port; only valid after {@link #start()} succeeded. */
  public int actualPort() {
    HttpServer s = server;
    if (s == null) {
      throw new IllegalStateException("the query server is not started");
    }
    return s.actualPort();
  }

  /** Closes the listener; a server that never started closes at once. */
  public Future<Void> shutdown() {
    HttpServer s = server;
    server = null;
    return s == null ? Future.succeededFuture() : s.close();
  }

  private HttpServerOptions options() {
    // A search by many trace ids is one long request line; Go's server allows 1 MiB of headers.
    return new HttpServerOptions()
        .setHost(address.host())
        .setPort(address.port())
        .setMaxInitialLineLength(MAX_HEADER_BYTES)
        .setMaxHeaderSize(MAX_HEADER_BYTES);
  }

  private Router router() {
    Router router = Router.router(vertx);
    if (!basePath.isEmpty()) {
      router.route().handler(this::outsideBasePath);
    }
    api.register(router, basePath + "/api");
    // Any method, as Go's file server answers (a HEAD or POST must not get the page instead).
    router.route(basePath + "/static/*").handler(ui::serveStatic);
    router.route().handler(ui::serveIndex);
    // A path Vert.x cannot decode (a bad %-escape) is the client's error: a bare 400 as Go
    // answers, without the stack trace Vert.x would log for each such request.
    router.errorHandler(400, ctx -> ctx.response().setStatusCode(400).end());
    return router;
  }

  private void outsideBasePath(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path.equals(basePath)) {
      String query = ctx.request().query();
      ctx.response().setStatusCode(301)
          .putHeader("Location", basePath + "/" + (query == null ? "" : "?" + query)).end();
    } else if (!path.startsWith(basePath + "/")) {
      ApiResponses.sendPlainText(ctx.response(), 404, "404 page not found\n");
    } else {
      ctx.next();
    }
  }
}
