package io.sluice.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigLocation;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.status.StatusReporter;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import io.sluice.storage.JaegerStorageExtensionFactory;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JaegerQueryExtensionTest {
  private static final ConfigLocation FILE = new ConfigLocation("config.yaml", 3);
  private static final ComponentId STORAGE_ID = new ComponentId("jaeger_storage", "");

  private final Vertx vertx = Vertx.vertx();
  private final Telemetry telemetry = new Telemetry(MetricsLevel.NONE, new SimpleMeterRegistry());
  private final JaegerQueryFactory factory = new JaegerQueryFactory();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void defaultsListenOnEveryInterfaceAtTheRoot() {
    JaegerQueryConfig config = factory.decodeConfig(node("storage", Map.of("traces", "mem")));

    assertThat(config).isEqualTo(new JaegerQueryConfig("mem", "", ":16686", ":16685", "",
        Duration.ZERO));
  }

  @Test
  void basePathMustStartButNotEndWithASlash() {
    assertThat(factory.decodeConfig(node("storage", Map.of("traces", "mem"), "base_path", "/"))
        .basePath()).isEmpty();
    assertThatThrownBy(() -> factory.decodeConfig(
            node("storage", Map.of("traces", "mem"), "base_path", "/jaeger/")))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.problem()).isEqualTo("invalid base path '/jaeger/'. Must start but not "
              + "end with a slash '/', e.g. '/jaeger/ui'");
          assertThat(e.path()).isEqualTo("extensions::jaeger_query::base_path");
        });
  }

  @Test
  void endpointWithoutPortIsAConfigError() {
    assertThatThrownBy(() -> factory.decodeConfig(node("storage", Map.of("traces", "mem"),
            "http", Map.of("endpoint", "localhost"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problem())
            .isEqualTo("endpoint \"localhost\" has no port: expected host:port or :port"));
  }

  @Test
  void servesTheApiOnTheConfiguredEndpointUntilShutdown() throws Exception {
    int port = freePort();
    Extension query = startedQuery("127.0.0.1:" + port);

    HttpResponse<String> services = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/api/services")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(services.body())
        .isEqualTo("{\"data\":[],\"total\":0,\"limit\":0,\"offset\":0,\"errors\":null}");

    await(query.shutdown());
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void portInUseFailsTheStartNamingTheEndpoint() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String endpoint = "127.0.0.1:" + taken.getLocalPort();

      assertThatThrownBy(() -> startedQuery(endpoint))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .hasMessageStartingWith("extension jaeger_query: cannot serve on " + endpoint
              + " (http.endpoint \"" + endpoint + "\"): ")
          .hasMessageContaining("Address already in use");
    }
  }

  private Extension startedQuery(String endpoint) throws Exception {
    JaegerStorageExtensionFactory storageFactory = new JaegerStorageExtensionFactory();
    Extension storage = storageFactory.create(settings(STORAGE_ID),
        storageFactory.decodeConfig(node("backends",
            Map.of("mem", Map.of("memory", Map.of("max_traces", 10L))))));
    Host host = new Host() {
      @Override
      public Map<ComponentId, Extension> extensions() {
        return Map.of(STORAGE_ID, storage);
      }

      @Override
      public StatusReporter status() {
        return StatusReporter.NONE;
      }
    };
    await(storage.start(host));
    JaegerQueryConfig config = factory.decodeConfig(node("storage", Map.of("traces", "mem"),
        "http", Map.of("endpoint", endpoint)));
    Extension query = factory.create(settings(new ComponentId("jaeger_query", "")), config);
    await(query.start(host));
    return query;
  }

  private CreateSettings settings(ComponentId id) {
    return new CreateSettings(id, ComponentKind.EXTENSION, vertx, telemetry);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Returns the config node of {@code extensions::jaeger_query} with the given keys. */
  private static ConfigNode node(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return toNode("extensions::jaeger_query", map);
  }

  private static ConfigNode toNode(String path, Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, ConfigNode> entries = new LinkedHashMap<>();
      map.forEach((k, v) -> entries.put((String) k,
          toNode(ConfigNode.childPath(path, (String) k), v)));
      return ConfigNode.map(path, FILE, entries);
    }
    return ConfigNode.scalar(path, FILE, value, false);
  }
}
