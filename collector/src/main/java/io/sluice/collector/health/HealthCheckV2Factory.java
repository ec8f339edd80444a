package io.sluice.collector.health;

import static java.util.Objects.requireNonNull;

import io.sluice.collector.health.HealthCheckConfig.ComponentHealth;
import io.sluice.collector.health.HealthCheckConfig.Grpc;
import io.sluice.collector.health.HealthCheckConfig.Http;
import io.sluice.collector.health.HealthCheckConfig.PathSettings;
import io.sluice.collector.health.HealthCheckConfig.ResponseBody;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.ExtensionFactory;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
import io.sluice.pipeline.status.StatusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes {@code healthcheckv2} extensions, which serve the service's component status over HTTP
 * as the collector-contrib extension of that name does (spec/collector-runtime.md §7).
 */
public final class HealthCheckV2Factory implements ExtensionFactory<HealthCheckConfig> {
  private final StatusRegistry statusRegistry;
  private final Clock clock;

  /** Creates the factory over the service's status registry. */
  public HealthCheckV2Factory(StatusRegistry statusRegistry) {
    this(statusRegistry, Clock.systemUTC());
  }

  /** Creates the factory with the clock that stamps start times and ages errors. */
  public HealthCheckV2Factory(StatusRegistry statusRegistry, Clock clock) {
    this.statusRegistry = requireNonNull(statusRegistry, "statusRegistry");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public String type() {
    return "healthcheckv2";
  }

  @Override
  public HealthCheckConfig decodeConfig(ConfigNode node) {
    Fields f = node.fields();
    boolean useV2 = f.bool("use_v2", false);
    String endpoint = f.string("endpoint", HealthCheckConfig.DEFAULT_HTTP_ENDPOINT);
    String path = f.string("path", "/");
    Optional<ResponseBody> body = optional(f.node("response_body"), this::responseBody);
    ConfigNode httpNode = f.node("http");
    // A key written with no value still enables the service with its defaults, as in Go.
    Optional<Http> http = httpNode.isPresent() ? Optional.of(http(httpNode)) : Optional.empty();
    ConfigNode grpcNode = f.node("grpc");
    Optional<Grpc> grpc = grpcNode.isPresent() ? Optional.of(grpc(grpcNode)) : Optional.empty();
    Optional<ComponentHealth> health = optional(f.node("component_health"), this::health);
    f.finish();
    HealthCheckConfig config =
        new HealthCheckConfig(useV2, endpoint, path, body, http, grpc, health);
    validate(node, config);
    return config;
  }

  @Override
  public Extension create(CreateSettings settings, HealthCheckConfig config) {
    return new HealthCheckV2Extension(settings, config, statusRegistry, clock);
  }

  private Http http(ConfigNode node) {
    Http defaults = Http.defaults();
    Fields f = node.fields();
    Http http = new Http(f.string("endpoint", defaults.endpoint()),
        path(f.node("status"), defaults.status()), path(f.node("config"), defaults.config()));
    f.finish();
    return http;
  }

  private static PathSettings path(ConfigNode node, PathSettings defaults) {
    Fields f = node.fields();
    PathSettings settings =
        new PathSettings(f.bool("enabled", defaults.enabled()), f.string("path", defaults.path()));
    f.finish();
    return settings;
  }

  private Grpc grpc(ConfigNode node) {
    Fields f = node.fields();
    Grpc grpc = new Grpc(f.string("endpoint", HealthCheckConfig.DEFAULT_GRPC_ENDPOINT),
        f.string("transport", "tcp"));
    f.finish();
    return grpc;
  }

  private ComponentHealth health(ConfigNode node) {
    Fields f = node.fields();
    ComponentHealth health = new ComponentHealth(
        f.bool("include_permanent_errors", false),
        f.bool("include_recoverable_errors", false),
        f.duration("recovery_duration", Duration.ZERO));
    f.finish();
    return health;
  }

  private ResponseBody responseBody(ConfigNode node) {
    Fields f = node.fields();
    ResponseBody body = new ResponseBody(f.string("healthy", ""), f.string("unhealthy", ""));
    f.finish();
    return body;
  }

  private static <T> Optional<T> optional(
      ConfigNode node, Function<ConfigNode, T> decode) {
    return node.isEmpty() ? Optional.empty() : Optional.of(decode.apply(node));
  }

  /** Applies the extension's own checks, with its wording. */
  private static void validate(ConfigNode node, HealthCheckConfig c) {
    if (!c.useV2()) {
      require(node, !c.legacyEndpoint().isEmpty(), "http endpoint required");
      require(node, c.legacyPath().startsWith("/"), "path must start with /");
      return;
    }
    require(node, c.http().isPresent() || c.grpc().isPresent(),
        "must specify at least one protocol");
    c.http().ifPresent(h -> {
      require(node, !h.endpoint().isEmpty(), "http endpoint required");
      require(node, !h.status().enabled() || h.status().path().startsWith("/"),
          "path must start with /");
      require(node, !h.config().enabled() || h.config().path().startsWith("/"),
          "path must start with /");
    });
    c.grpc().ifPresent(g -> require(node, !g.endpoint().isEmpty(), "grpc endpoint required"));
  }

  private static void require(ConfigNode node, boolean condition, String problem) {
    if (!condition) {
      throw ConfigException.at(node, problem);
    }
  }
}
