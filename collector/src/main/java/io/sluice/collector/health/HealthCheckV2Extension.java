package io.sluice.collector.health;

import io.sluice.collector.health.HealthCheckConfig.ComponentHealth;
import io.sluice.collector.health.HealthCheckConfig.Http;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.go.GoJson;
import io.sluice.pipeline.go.GoTime;
import io.sluice.pipeline.status.AggregateStatus;
import io.sluice.pipeline.status.ComponentStatus;
import io.sluice.pipeline.status.ErrorPriority;
import io.sluice.pipeline.status.StatusEvent;
import io.sluice.pipeline.status.StatusRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code healthcheckv2} extension: serves the aggregate component status of the service on
 * HTTP (spec/collector-runtime.md §7).
 *
 * <p>With {@code use_v2}, {@code GET <http.status.path>} (any method) answers with the JSON status
 * of the service, or of one pipeline with {@code ?pipeline=<id>} (404 with an empty body when no
 * component of it has reported), nested per component with {@code ?verbose}; the code is 503
 * for None/Starting/Stopping/Stopped, 200 for OK and the non-fatal errors, 500 for a fatal error
 * or, with {@code component_health}, for an unhealthy status. Without {@code use_v2},
 * {@code <path>} answers {@code Server available} (200) or {@code Server not available} (503).
 *
 * <p>The gRPC health service ({@code grpc}) is accepted in the config but not served yet: a
 * Kubernetes gRPC probe against it fails, so such deployments must probe the HTTP endpoint.
 */
public final class HealthCheckV2Extension implements Extension {
  private static final Logger LOG = LoggerFactory.getLogger(HealthCheckV2Extension.class);
  private static final String JSON = "application/json";

  private final ComponentId id;
  private final Vertx vertx;
  private final HealthCheckConfig config;
  private final StatusRegistry registry;
  private final Clock clock;
  private final Instant startTime;
  private final ErrorPriority priority;
  private final Map<String, Consumer<HttpServerRequest>> routes = new LinkedHashMap<>();
  @Nullable private volatile String effectiveConfigJson;
  @Nullable private volatile HttpServer server;

  HealthCheckV2Extension(
      CreateSettings settings, HealthCheckConfig config, StatusRegistry registry, Clock clock) {
    this.id = settings.id();
    this.vertx = settings.vertx();
    this.config = config;
    this.registry = registry;
    this.clock = clock;
    this.startTime = clock.instant();
    this.priority = priority(config.componentHealth());
    routes();
  }

  @Override
  public Future<Void> start(Host host) {
    config.grpc().filter(g -> config.useV2()).ifPresent(g -> LOG.warn(
        "{}: the gRPC health service (grpc.endpoint {}) is not served by Sluice yet; probe "
            + "the HTTP status endpoint instead", id, g.endpoint()));
    Optional<String> endpoint = httpEndpoint();
    if (endpoint.isEmpty()) {
      return Future.succeededFuture();
    }
    Endpoint address;
    try {
      address = Endpoint.parse(endpoint.get());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new IllegalArgumentException(id + ": " + e.getMessage(), e));
    }
    return listen(endpoint.get(), address);
  }

  @Override
  public Future<Void> shutdown() {
    HttpServer s = server;
    server = null;
    return s == null ? Future.succeededFuture() : s.close();
  }

  /**
   * Stores the effective collector config that {@code http.config.path} serves as JSON; until
   * it is called that path answers 503.
   */
  public void notifyConfig(String json) {
    effectiveConfigJson = json;
  }

  /** Returns the bound HTTP port; only valid after a successful start with an HTTP service. */
  public int actualPort() {
    HttpServer s = server;
    if (s == null) {
      throw new IllegalStateException(id + ": no HTTP server is listening");
    }
    return s.actualPort();
  }

  private Optional<String> httpEndpoint() {
    if (!config.useV2()) {
      return Optional.of(config.legacyEndpoint());
    }
    return config.http().map(Http::endpoint);
  }

  private Future<Void> listen(String endpoint, Endpoint address) {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(address.host()).setPort(address.port())
        // Plain HTTP/1.1, as the collector's health endpoint: no h2c upgrade.
        .setHttp2ClearTextEnabled(false);
    return vertx.createHttpServer(options)
        .requestHandler(this::route)
        .listen()
        .onSuccess(s -> {
          server = s;
          LOG.info("{}: serving health on http://{}:{} paths {} (endpoint {})", id,
              address.host(), s.actualPort(), routes.keySet(), endpoint);
        })
        .recover(e -> Future.failedFuture(new IllegalStateException(
            id + ": failed to bind to address " + endpoint + ": " + e.getMessage(), e)))
        .mapEmpty();
  }

  private void routes() {
    if (!config.useV2()) {
      routes.put(config.legacyPath(), this::status);
      return;
    }
    config.http().ifPresent(http -> {
      if (http.status().enabled()) {
        routes.put(http.status().path(), this::status);
      }
      if (http.config().enabled()) {
        routes.put(http.config().path(), this::effectiveConfig);
      }
    });
  }

  /** Routes like Go's ServeMux: exact paths, or the longest pattern ending in {@code /}. */
  private void route(HttpServerRequest request) {
    String path = request.path();
    Consumer<HttpServerRequest> handler = routes.get(path);
    int longest = -1;
    for (Map.Entry<String, Consumer<HttpServerRequest>> e : routes.entrySet()) {
      String pattern = e.getKey();
      if (handler == null && pattern.endsWith("/") && path.startsWith(pattern)
          && pattern.length() > longest) {
        longest = pattern.length();
        handler = e.getValue();
      }
    }
    if (handler == null) {
      request.response().setStatusCode(404)
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .putHeader("X-Content-Type-Options", "nosniff")
          .end("404 page not found\n");
      return;
    }
    handler.accept(request);
  }

  private void status(HttpServerRequest request) {
    String pipeline = Optional.ofNullable(request.getParam("pipeline")).orElse("");
    boolean verbose = request.params().contains("verbose")
        && !"false".equals(request.getParam("verbose"));
    Optional<AggregateStatus> status = registry.aggregate(pipeline, verbose, priority);
    if (status.isEmpty()) {
      request.response().setStatusCode(404).end();
      return;
    }
    if (config.useV2()) {
      respondV2(request.response(), status.get());
    } else {
      respondLegacy(request.response(), status.get().status());
    }
  }

  private void respondV2(HttpServerResponse response, AggregateStatus status) {
    Predicate<StatusEvent> healthy = healthy(clock.instant());
    int code = HttpCodes.v2(status.status());
    if (config.componentHealth().isPresent() && !healthy.test(status.event())) {
      code = 500;
    }
    response.setStatusCode(code).putHeader("Content-Type", JSON)
        .end(StatusJson.write(status, startTime, healthy));
  }

  private void respondLegacy(HttpServerResponse response, ComponentStatus status) {
    int code = HttpCodes.legacy(status);
    if (config.legacyResponseBody().isPresent()) {
      HealthCheckConfig.ResponseBody body = config.legacyResponseBody().get();
      response.setStatusCode(code).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end(code == 200 ? body.healthy() : body.unhealthy());
      return;
    }
    response.setStatusCode(code).putHeader("Content-Type", JSON).end(legacyBody(code));
  }

  private String legacyBody(int code) {
    boolean up = code == 200;
    StringBuilder out = new StringBuilder("{\"status\":");
    GoJson.appendString(out, up ? "Server available" : "Server not available");
    out.append(",\"upSince\":");
    GoJson.appendString(out, up ? GoTime.rfc3339Nano(startTime) : GoTime.ZERO_TIME);
    out.append(",\"uptime\":");
    String uptime = up ? GoTime.duration(Duration.between(startTime, clock.instant())) : "";
    GoJson.appendString(out, uptime);
    return out.append('}').toString();
  }

  private void effectiveConfig(HttpServerRequest request) {
    String json = effectiveConfigJson;
    if (json == null) {
      request.response().setStatusCode(503).end();
      return;
    }
    request.response().putHeader("Content-Type", JSON).end(json);
  }

  /**
   * Returns the health rule: always healthy without {@code component_health}; with it, a
   * permanent error is unhealthy when included, a recoverable error when included and older
   * than {@code recovery_duration}, a fatal error always.
   */
  private Predicate<StatusEvent> healthy(Instant now) {
    if (config.componentHealth().isEmpty()) {
      return event -> true;
    }
    ComponentHealth rules = config.componentHealth().get();
    return event -> switch (event.status()) {
      case PERMANENT_ERROR -> !rules.includePermanentErrors();
      case RECOVERABLE_ERROR -> !rules.includeRecoverableErrors()
          || now.isBefore(event.timestamp().plus(rules.recoveryDuration()));
      case FATAL_ERROR -> false;
      default -> true;
    };
  }

  private static ErrorPriority priority(Optional<ComponentHealth> health) {
    boolean recoverableOnly = health.map(
        h -> h.includeRecoverableErrors() && !h.includePermanentErrors()).orElse(false);
    return recoverableOnly ? ErrorPriority.RECOVERABLE : ErrorPriority.PERMANENT;
  }
}
