package io.sluice.collector.health;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code healthcheckv2} extension's config (spec/collector-runtime.md §7).
 *
 * @param useV2 {@code use_v2}, default false: serve the legacy endpoint only
 * @param legacyEndpoint {@code endpoint}, default {@code localhost:13133}; used without v2
 * @param legacyPath {@code path}, default {@code /}; used without v2, and like Go's ServeMux a
 *     path ending in {@code /} answers every path below it
 * @param legacyResponseBody {@code response_body}: fixed bodies instead of the legacy JSON
 * @param http {@code http}: the v2 HTTP service, present only when the key is
 * @param grpc {@code grpc}: the v2 gRPC health service, accepted but not served yet
 * @param componentHealth {@code component_health}: which component errors make the service
 *     unhealthy; absent means it is always reported healthy
 */
public record HealthCheckConfig(
    boolean useV2,
    String legacyEndpoint,
    String legacyPath,
    Optional<ResponseBody> legacyResponseBody,
    Optional<Http> http,
    Optional<Grpc> grpc,
    Optional<ComponentHealth> componentHealth) {
  /** Default of {@code endpoint} and {@code http.endpoint}. */
  public static final String DEFAULT_HTTP_ENDPOINT = "localhost:13133";
  /** Default of {@code grpc.endpoint}. */
  public static final String DEFAULT_GRPC_ENDPOINT = "localhost:13132";

  /** Checks the parts. */
  public HealthCheckConfig {
    requireNonNull(legacyEndpoint, "legacyEndpoint");
    requireNonNull(legacyPath, "legacyPath");
    requireNonNull(legacyResponseBody, "legacyResponseBody");
    requireNonNull(http, "http");
    requireNonNull(grpc, "grpc");
    requireNonNull(componentHealth, "componentHealth");
  }

  /** Returns the config of an extension written with no keys. */
  public static HealthCheckConfig defaults() {
    return new HealthCheckConfig(false, DEFAULT_HTTP_ENDPOINT, "/", Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * {@code http}: where the v2 status and config are served.
   *
   * @param endpoint default {@code localhost:13133}
   * @param status {@code status}: enabled, at {@code /status}, by default
   * @param config {@code config}: disabled, at {@code /config}, by default
   */
  public record Http(String endpoint, PathSettings status, PathSettings config) {
    /** Returns the defaults. */
    public static Http defaults() {
      return new Http(DEFAULT_HTTP_ENDPOINT, new PathSettings(true, "/status"),
          new PathSettings(false, "/config"));
    }
  }

  /**
   * One served path.
   *
   * @param enabled whether it is served
   * @param path must start with {@code /}
   */
  public record PathSettings(boolean enabled, String path) {}

  /**
   * {@code grpc}: the v2 gRPC health service.
   *
   * @param endpoint default {@code localhost:13132}
   * @param transport default {@code tcp}
   */
  public record Grpc(String endpoint, String transport) {}

  /**
   * {@code component_health}.
   *
   * @param includePermanentErrors a permanent error makes the service unhealthy; default false
   * @param includeRecoverableErrors a recoverable error older than {@code recoveryDuration}
   *     makes it unhealthy; default false
   * @param recoveryDuration how long a recoverable error may last; default 0
   */
  public record ComponentHealth(
      boolean includePermanentErrors,
      boolean includeRecoverableErrors,
      Duration recoveryDuration) {}

  /**
   * {@code response_body}: fixed legacy bodies.
   *
   * @param healthy sent with 200
   * @param unhealthy sent with 503
   */
  public record ResponseBody(String healthy, String unhealthy) {}
}
