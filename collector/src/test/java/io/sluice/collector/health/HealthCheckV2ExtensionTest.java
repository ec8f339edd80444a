package io.sluice.collector.health;

import static io.sluice.collector.health.Yaml.map;
import static io.sluice.collector.health.Yaml.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.PipelineId;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.status.ComponentStatus;
import io.sluice.pipeline.status.InstanceKey;
import io.sluice.pipeline.status.StatusRegistry;
import io.sluice.pipeline.status.StatusReporter;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthCheckV2ExtensionTest {
  private static final Instant T0 = Instant.parse("2024-12-17T10:00:00Z");
  private static final PipelineId TRACES = PipelineId.parse("traces");
  private static final InstanceKey HEALTH = new InstanceKey(
      ComponentKind.EXTENSION, ComponentId.parse("healthcheckv2"), Set.of());
  private static final InstanceKey STORAGE = new InstanceKey(
      ComponentKind.EXPORTER, ComponentId.parse("jaeger_storage_exporter"), Set.of(TRACES));
  private static final InstanceKey OTLP = new InstanceKey(
      ComponentKind.RECEIVER, ComponentId.parse("otlp"), Set.of(TRACES));
  private static final String START = "{\"start_time\":\"2024-12-17T10:00:00Z\",";

  private final SetClock clock = new SetClock();
  private final StatusRegistry registry = new StatusRegistry(clock);
  private final HttpClient client = HttpClient.newHttpClient();
  private Vertx vertx;
  private HealthCheckV2Extension extension;

  @BeforeEach
  void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    if (extension != null) {
      await(extension.shutdown());
    }
    await(vertx.close());
  }

  @Test
  void statusFollowsStartOkRecoverableErrorAndStopping() throws Exception {
    start(map("healthcheckv2", "use_v2", true, "http", of("endpoint", "127.0.0.1:0")));

    report(Instant.parse("2024-12-17T10:00:01.123456789Z"), ComponentStatus.STARTING);
    report(Instant.parse("2024-12-17T10:00:02.500Z"), ComponentStatus.OK);
    assertResponse(get("/status"), 503, START
        + "\"healthy\":true,\"status\":\"StatusStarting\","
        + "\"status_time\":\"2024-12-17T10:00:01.123456789Z\"}");

    registry.markReady();
    assertResponse(get("/status"), 200, START
        + "\"healthy\":true,\"status\":\"StatusOK\",\"status_time\":\"2024-12-17T10:00:02.5Z\"}");

    clock.set(Instant.parse("2024-12-17T10:00:03Z"));
    registry.report(STORAGE, ComponentStatus.RECOVERABLE_ERROR,
        new IllegalStateException("connection refused"));
    assertResponse(get("/status"), 200, START
        + "\"healthy\":true,\"status\":\"StatusRecoverableError\","
        + "\"error\":\"connection refused\",\"status_time\":\"2024-12-17T10:00:03Z\"}");

    clock.set(Instant.parse("2024-12-17T10:00:04Z"));
    registry.report(OTLP, ComponentStatus.STOPPING, null);
    assertResponse(get("/status"), 503, START
        + "\"healthy\":true,\"status\":\"StatusStopping\","
        + "\"status_time\":\"2024-12-17T10:00:04Z\"}");
  }

  @Test
  void pipelineSelectionAndVerboseOutput() throws Exception {
    start(map("healthcheckv2", "use_v2", true, "http", of("endpoint", "127.0.0.1:0")));
    report(T0.plusSeconds(1), ComponentStatus.STARTING);
    report(T0.plusSeconds(2), ComponentStatus.OK);
    registry.markReady();
    clock.set(T0.plusSeconds(3));
    registry.report(STORAGE, ComponentStatus.RECOVERABLE_ERROR, new RuntimeException("<down>"));

    assertResponse(get("/status?pipeline=traces"), 200, START
        + "\"healthy\":true,\"status\":\"StatusRecoverableError\",\"error\":\"\\u003cdown\\u003e\","
        + "\"status_time\":\"2024-12-17T10:00:03Z\"}");
    assertResponse(get("/status?pipeline=traces&verbose"), 200, START
        + "\"healthy\":true,\"status\":\"StatusRecoverableError\",\"error\":\"\\u003cdown\\u003e\","
        + "\"status_time\":\"2024-12-17T10:00:03Z\",\"components\":{"
        + "\"exporter:jaeger_storage_exporter\":{\"healthy\":true,"
        + "\"status\":\"StatusRecoverableError\",\"error\":\"\\u003cdown\\u003e\","
        + "\"status_time\":\"2024-12-17T10:00:03Z\"},"
        + "\"receiver:otlp\":{\"healthy\":true,\"status\":\"StatusOK\","
        + "\"status_time\":\"2024-12-17T10:00:02Z\"}}}");
    assertResponse(get("/status?verbose=true"), 200, START
        + "\"healthy\":true,\"status\":\"StatusRecoverableError\",\"error\":\"\\u003cdown\\u003e\","
        + "\"status_time\":\"2024-12-17T10:00:03Z\",\"components\":{"
        + "\"extensions\":{\"healthy\":true,\"status\":\"StatusOK\","
        + "\"status_time\":\"2024-12-17T10:00:02Z\",\"components\":{"
        + "\"extension:healthcheckv2\":{\"healthy\":true,\"status\":\"StatusOK\","
        + "\"status_time\":\"2024-12-17T10:00:02Z\"}}},"
        + "\"pipeline:traces\":{\"healthy\":true,\"status\":\"StatusRecoverableError\","
        + "\"error\":\"\\u003cdown\\u003e\",\"status_time\":\"2024-12-17T10:00:03Z\","
        + "\"components\":{\"exporter:jaeger_storage_exporter\":{\"healthy\":true,"
        + "\"status\":\"StatusRecoverableError\",\"error\":\"\\u003cdown\\u003e\","
        + "\"status_time\":\"2024-12-17T10:00:03Z\"},"
        + "\"receiver:otlp\":{\"healthy\":true,\"status\":\"StatusOK\","
        + "\"status_time\":\"2024-12-17T10:00:02Z\"}}}}}");
    assertResponse(get("/status?pipeline=traces&verbose=false"), 200, START
        + "\"healthy\":true,\"status\":\"StatusRecoverableError\",\"error\":\"\\u003cdown\\u003e\","
        + "\"status_time\":\"2024-12-17T10:00:03Z\"}");
  }

  @Test
  void unknownPipelineIsNotFoundWithEmptyBody() throws Exception {
    start(map("healthcheckv2", "use_v2", true, "http", of("endpoint", "127.0.0.1:0")));
    report(T0.plusSeconds(1), ComponentStatus.STARTING);

    HttpResponse<String> response = get("/status?pipeline=traces/missing");

    assertResponse(response, 404, "");
    assertResponse(get("/statusx"), 404, "404 page not found\n");
  }

  @Test
  void componentHealthTurnsOldRecoverableErrorsInto500() throws Exception {
    start(map("healthcheckv2", "use_v2", true, "http", of("endpoint", "127.0.0.1:0"),
        "component_health", of("include_recoverable_errors", true, "recovery_duration", "5s")));
    report(T0.plusSeconds(1), ComponentStatus.STARTING);
    report(T0.plusSeconds(2), ComponentStatus.OK);
    registry.markReady();
    clock.set(T0.plusSeconds(3));
    registry.report(STORAGE, ComponentStatus.RECOVERABLE_ERROR, new RuntimeException("slow"));

    clock.set(T0.plusSeconds(7));
    assertResponse(get("/status"), 200, START
        + "\"healthy\":true,\"status\":\"StatusRecoverableError\",\"error\":\"slow\","
        + "\"status_time\":\"2024-12-17T10:00:03Z\"}");

    clock.set(T0.plusSeconds(9));
    assertResponse(get("/status"), 500, START
        + "\"healthy\":false,\"status\":\"StatusRecoverableError\",\"error\":\"slow\","
        + "\"status_time\":\"2024-12-17T10:00:03Z\"}");
  }

  @Test
  void legacyModeAnswersServerAvailableOnEveryPathBelowItsPath() throws Exception {
    start(map("healthcheckv2", "endpoint", "127.0.0.1:0"));
    report(T0.plusSeconds(1), ComponentStatus.STARTING);

    assertResponse(get("/"), 503,
        "{\"status\":\"Server not available\","
            + "\"upSince\":\"0001-01-01T00:00:00Z\",\"uptime\":\"\"}");

    report(T0.plusSeconds(2), ComponentStatus.OK);
    registry.markReady();
    clock.set(T0.plusMillis(61_500));
    assertResponse(get("/anything"), 200, "{\"status\":\"Server available\","
        + "\"upSince\":\"2024-12-17T10:00:00Z\",\"uptime\":\"1m1.5s\"}");
  }

  @Test
  void configPathIsUnavailableUntilNotified() throws Exception {
    start(map("healthcheckv2", "use_v2", true,
        "http", of("endpoint", "127.0.0.1:0", "config", of("enabled", true))));

    assertResponse(get("/config"), 503, "");

    extension.notifyConfig("{\"service\":{}}");
    assertResponse(get("/config"), 200, "{\"service\":{}}");
  }

  private void start(ConfigNode node) throws Exception {
    clock.set(T0);
    HealthCheckV2Factory factory = new HealthCheckV2Factory(registry, clock);
    HealthCheckConfig config = factory.decodeConfig(node);
    CreateSettings settings = new CreateSettings(ComponentId.parse("healthcheckv2"),
        ComponentKind.EXTENSION, vertx,
        new Telemetry(MetricsLevel.NONE, new SimpleMeterRegistry()));
    Extension created = factory.create(settings, config);
    extension = (HealthCheckV2Extension) created;
    await(extension.start(new TestHost()));
  }

  /** Reports {@code status} for every component at {@code time}, as the service would. */
  private void report(Instant time, ComponentStatus status) {
    clock.set(time);
    for (InstanceKey key : new InstanceKey[] {HEALTH, STORAGE, OTLP}) {
      registry.report(key, status, null);
    }
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + extension.actualPort() + pathAndQuery);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void assertResponse(HttpResponse<String> response, int code, String body) {
    assertThat(response.body()).isEqualTo(body);
    assertThat(response.statusCode()).isEqualTo(code);
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get();
  }

  private static final class TestHost implements Host {
    @Override
    public Map<ComponentId, Extension> extensions() {
      return Map.of();
    }

    @Override
    public StatusReporter status() {
      return StatusReporter.NONE;
    }
  }

  /** A clock that reads whatever the test last set. */
  private static final class SetClock extends Clock {
    private volatile Instant now = T0;

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
