package io.sluice.storage.opensearch;

import static io.sluice.storage.config.YamlNodes.map;
import static io.sluice.storage.config.YamlNodes.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sluice.exporter.storage.JaegerStorageExporterFactory;
import io.sluice.exporter.storage.WorkedExample;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Exporter;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.status.ComponentStatus;
import io.sluice.pipeline.status.StatusReporter;
import io.sluice.pipeline.telemetry.ExporterMetrics;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import io.sluice.storage.JaegerStorageExtension;
import io.sluice.storage.JaegerStorageExtensionFactory;
import io.sluice.storage.translate.Otlp;
import io.sluice.testsupport.ElasticsearchNode;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jaeger_storage extension and exporter with the user's {@code elasticsearch:} config against
 * a real Elasticsearch 8.15.3 (spec §4.4 templates, §5 bulk, §9 worked example).
 */
class ElasticsearchStorageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final String STORAGE = "some_storage";
  private static final String DAY = "2024-12-17";
  private static final long START_NANOS = 1_734_429_600_000_000_000L;
  private static Vertx vertx;

  private final List<Runnable> cleanup = new ArrayList<>();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  @AfterEach
  void stopComponents() {
    cleanup.forEach(Runnable::run);
  }

  /**
   * A started extension and exporter with metrics of their own, the backend, and every status
   * the backend reported.
   */
  private record Pipeline(OpenSearchStorage storage, Exporter exporter, ExporterMetrics metrics,
      SimpleMeterRegistry registry, List<Reported> statuses) {}

  private record Reported(ComponentStatus status, String error) {}

  /**
   * The user's block (jaeger-config.yaml with ES_USERNAME and ES_PASSWORD empty) under the
   * {@code elasticsearch:} key, with {@code prefix} and {@code extra} keys (e.g. version).
   */
  private static Map<String, Object> userBlock(String url, String prefix, Object... extra) {
    Map<String, Object> perIndex = map("date_layout", "2006-01-02", "rollover_frequency", "day",
        "shards", 5, "replicas", 1);
    Map<String, Object> block = map(
        "server_urls", List.of(url),
        "auth", map("basic", map("username", "", "password", "")),
        "indices", map("index_prefix", prefix, "spans", perIndex, "services", perIndex,
            "dependencies", perIndex, "sampling", perIndex));
    block.putAll(map(extra));
    return block;
  }

  private Pipeline start(Map<String, Object> block) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Telemetry telemetry = new Telemetry(MetricsLevel.NORMAL, registry);
    List<Reported> statuses = new CopyOnWriteArrayList<>();
    JaegerStorageExtensionFactory extensionFactory = new JaegerStorageExtensionFactory();
    ComponentId extensionId = new ComponentId("jaeger_storage", "");
    Extension extension = extensionFactory.create(
        new CreateSettings(extensionId, ComponentKind.EXTENSION, vertx, telemetry),
        extensionFactory.decodeConfig(node("extensions::jaeger_storage",
            map("backends", map(STORAGE, map("elasticsearch", block))))));
    Host host = new Host() {
      @Override
      public Map<ComponentId, Extension> extensions() {
        return Map.of(extensionId, extension);
      }

      @Override
      public StatusReporter status() {
        return (status, error) -> statuses.add(
            new Reported(status, error == null ? null : error.getMessage()));
      }
    };
    extension.start(host).await();
    JaegerStorageExporterFactory exporterFactory = new JaegerStorageExporterFactory();
    ComponentId exporterId = new ComponentId("jaeger_storage_exporter", "");
    Exporter exporter = exporterFactory.createTraces(
        new CreateSettings(exporterId, ComponentKind.EXPORTER, vertx, telemetry),
        exporterFactory.decodeConfig(node("exporters::jaeger_storage_exporter",
            map("trace_storage", STORAGE))));
    exporter.start(host).await();
    cleanup.add(() -> {
      exporter.shutdown().await();
      extension.shutdown().await();
    });
    OpenSearchStorage storage = (OpenSearchStorage)
        ((JaegerStorageExtension) extension).storage(STORAGE).orElseThrow();
    return new Pipeline(storage, exporter, telemetry.exporter(exporterId), registry, statuses);
  }

  private static String uniquePrefix() {
    return "es" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
  }

  @Test
  void userConfigDetectsVersion8AndPutsComposableTemplatesWithTheSpecFields() throws Exception {
    String url = ElasticsearchNode.shared().httpUrl();
    String prefix = uniquePrefix();

    Pipeline p = start(userBlock(url, prefix));

    await().atMost(Duration.ofSeconds(30)).until(p.storage()::isReady);
    assertThat(p.storage().version()).isEqualTo(8);
    assertThat(p.statuses()).isEmpty();
    assertThat(get(url, "/_index_template/" + prefix + "-jaeger-span"))
        .isEqualTo(ElasticsearchExpected.indexTemplate(prefix + "-jaeger-span",
            ElasticsearchExpected.SPAN_MAPPINGS));
    assertThat(get(url, "/_index_template/" + prefix + "-jaeger-service"))
        .isEqualTo(ElasticsearchExpected.indexTemplate(prefix + "-jaeger-service",
            ElasticsearchExpected.SERVICE_MAPPINGS));
    assertThat(status(url, "GET", "/_template/" + prefix + "-jaeger-span"))
        .as("no legacy template on ES 8").isEqualTo(404);
  }

  @Test
  void workedExampleIsStoredAsTheGoldenDocumentsInIndicesMadeByTheTemplates() throws Exception {
    String url = ElasticsearchNode.shared().httpUrl();
    Pipeline p = start(userBlock(url, "jaeger2-main"));

    p.exporter().consume(WorkedExample.traces()).await();

    await().atMost(Duration.ofSeconds(30)).until(() -> p.metrics().sentCount() == 3);
    assertThat(p.metrics().sendFailedCount()).isZero();
    send(url, "POST", "/jaeger2-main-jaeger-*/_refresh", "");
    List<String> golden = goldenLines();
    Map<String, JsonNode> spans = sourcesBySpanId(url, "jaeger2-main-jaeger-span-" + DAY);
    assertThat(spans).hasSize(3);
    for (int i = 3; i < golden.size(); i += 4) {
      JsonNode expected = JSON.readTree(golden.get(i));
      assertThat(spans.get(expected.path("spanID").asText())).isEqualTo(expected);
    }
    assertThat(count(url, "jaeger2-main-jaeger-service-" + DAY)).isEqualTo(3);
    for (int i = 0; i < golden.size(); i += 4) {
      JsonNode action = JSON.readTree(golden.get(i)).path("index");
      JsonNode doc = get(url, "/" + action.path("_index").asText() + "/_doc/"
          + action.path("_id").asText());
      assertThat(doc.path("_source")).isEqualTo(JSON.readTree(golden.get(i + 1)));
    }
    String spanIndex = "jaeger2-main-jaeger-span-" + DAY;
    assertThat(get(url, "/" + spanIndex + "/_settings?filter_path=*.settings.index."
        + "number_of_shards,*.settings.index.number_of_replicas,*.settings.index.mapping,"
        + "*.settings.index.requests"))
        .isEqualTo(JSON.readTree(("{\"%s\":{\"settings\":{\"index\":{\"number_of_shards\":\"5\","
            + "\"number_of_replicas\":\"1\",\"mapping\":{\"nested_fields\":{\"limit\":\"50\"}},"
            + "\"requests\":{\"cache\":{\"enable\":\"true\"}}}}}}").formatted(spanIndex)));
    assertThat(get(url, "/" + spanIndex + "/_mapping").path(spanIndex).path("mappings"))
        .isEqualTo(ElasticsearchExpected.indexMappings(ElasticsearchExpected.SPAN_MAPPINGS));
  }

  @Test
  void mappingRejectionFailsOnlyThatSpanAndTheRestIsStored() throws Exception {
    String url = ElasticsearchNode.shared().httpUrl();
    String prefix = uniquePrefix();
    Pipeline p = start(userBlock(url, prefix));
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 1; i <= 4; i++) {
      // An end before the start gives a negative duration, which renders as a uint64 near 2^64
      // (as in Jaeger); the long mapping refuses it.
      long endNanos = i == 3 ? START_NANOS - 5_000 : START_NANOS + 1_000_000;
      scope.addSpans(span(0x77, i, START_NANOS, endNanos));
    }

    p.exporter().consume(traces(scope)).await();

    await().atMost(Duration.ofSeconds(30))
        .until(() -> p.metrics().sentCount() + p.metrics().sendFailedCount() == 4);
    assertThat(p.metrics().sentCount()).isEqualTo(3);
    assertThat(p.metrics().sendFailedCount()).isEqualTo(1);
    assertThat(p.registry().get("otelcol_exporter_bulk_items").tag("outcome", "failed").counter()
        .count()).isEqualTo(1.0);
    send(url, "POST", "/" + prefix + "-jaeger-*/_refresh", "");
    assertThat(count(url, prefix + "-jaeger-span-" + DAY)).isEqualTo(3);
    assertThat(sourcesBySpanId(url, prefix + "-jaeger-span-" + DAY).keySet())
        .containsExactlyInAnyOrder("0000000000000001", "0000000000000002", "0000000000000004");
  }

  /**
   * {@code version: 7} on ES 8: the legacy {@code _template} is accepted while no composable
   * template's patterns overlap its {@code *<prefix>-jaeger-span-*}; once one does (any other
   * prefix's ES 8 template does), ES 8 refuses it with 400 and the storage never becomes ready.
   */
  @Test
  void forcedVersion7PutsLegacyTemplatesUntilAComposableTemplateOverlapsThem() throws Exception {
    String url = ElasticsearchNode.shared().httpUrl();
    // Other tests' composable templates would overlap; this test needs a node without them.
    send(url, "DELETE", "/_index_template/*", null);
    String legacy = uniquePrefix();

    Pipeline accepted = start(userBlock(url, legacy, "version", 7));

    await().atMost(Duration.ofSeconds(30)).until(accepted.storage()::isReady);
    assertThat(accepted.storage().version()).isEqualTo(7);
    assertThat(get(url, "/_template/" + legacy + "-jaeger-span").path(legacy + "-jaeger-span")
        .path("index_patterns")).isEqualTo(JSON.readTree("[\"*" + legacy + "-jaeger-span-*\"]"));
    assertThat(status(url, "GET", "/_index_template/" + legacy + "-jaeger-span")).isEqualTo(404);
    accepted.exporter().consume(traces(ScopeSpans.newBuilder()
        .addSpans(span(0x78, 1, START_NANOS, START_NANOS + 1_000)))).await();
    await().atMost(Duration.ofSeconds(30)).until(() -> accepted.metrics().sentCount() == 1);
    String legacyIndex = legacy + "-jaeger-span-" + DAY;
    assertThat(get(url, "/" + legacyIndex + "/_mapping").path(legacyIndex).path("mappings"))
        .as("the legacy template made the index's mapping")
        .isEqualTo(ElasticsearchExpected.indexMappings(ElasticsearchExpected.SPAN_MAPPINGS));

    String composable = uniquePrefix();
    await().atMost(Duration.ofSeconds(30))
        .until(start(userBlock(url, composable)).storage()::isReady);
    String refused = uniquePrefix();
    Pipeline p = start(userBlock(url, refused, "version", 7));

    await().atMost(Duration.ofSeconds(30)).until(() -> !p.statuses().isEmpty());
    assertThat(p.statuses()).hasSize(1);
    assertThat(p.statuses().get(0).status()).isEqualTo(ComponentStatus.RECOVERABLE_ERROR);
    String reason = "legacy template [" + refused + "-jaeger-span] has index patterns [*"
        + refused + "-jaeger-span-*] matching patterns from existing composable templates ["
        + composable + "-jaeger-service," + composable + "-jaeger-span] with patterns ("
        + composable + "-jaeger-service => [" + composable + "-jaeger-service-*],"
        + composable + "-jaeger-span => [" + composable + "-jaeger-span-*]), use composable"
        + " templates (/_index_template) instead";
    String body = "{\"error\":{\"root_cause\":[{\"type\":\"illegal_argument_exception\","
        + "\"reason\":\"" + reason + "\"}]";
    // The storage quotes the first 300 characters of the answer.
    assertThat(p.statuses().get(0).error()).isEqualTo("PUT /_template/" + refused
        + "-jaeger-span answered HTTP 400: " + body.substring(0, 300) + "…");
    assertThat(p.storage().isReady()).isFalse();
    assertThat(status(url, "GET", "/_template/" + refused + "-jaeger-span")).isEqualTo(404);
  }

  private static Span span(long traceLow, long spanId, long startNanos, long endNanos) {
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(8, traceLow).array()))
        .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(spanId).array()))
        .setName("op")
        .setStartTimeUnixNano(startNanos)
        .setEndTimeUnixNano(endNanos)
        .build();
  }

  private static Traces traces(ScopeSpans.Builder scope) {
    return Traces.of(List.of(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(Otlp.str("service.name", "svc")))
        .addScopeSpans(scope)
        .build()));
  }

  private static List<String> goldenLines() throws IOException {
    try (InputStream in = ElasticsearchStorageTest.class
        .getResourceAsStream("/golden/worked-example-bulk.ndjson")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static Map<String, JsonNode> sourcesBySpanId(String url, String index)
      throws Exception {
    Map<String, JsonNode> bySpanId = new HashMap<>();
    JsonNode hits = get(url, "/" + index + "/_search?size=100").path("hits").path("hits");
    for (JsonNode hit : hits) {
      bySpanId.put(hit.path("_source").path("spanID").asText(), hit.path("_source"));
    }
    return bySpanId;
  }

  private static int count(String url, String index) throws Exception {
    return get(url, "/" + index + "/_count").path("count").asInt();
  }

  private static JsonNode get(String url, String path) throws Exception {
    return JSON.readTree(send(url, "GET", path, null));
  }

  private static int status(String url, String method, String path) throws Exception {
    return exchange(url, method, path, null).statusCode();
  }

  private static String send(String url, String method, String path, String body)
      throws Exception {
    HttpResponse<String> response = exchange(url, method, path, body);
    assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body())
        .isEqualTo(200);
    return response.body();
  }

  private static HttpResponse<String> exchange(String url, String method, String path,
      String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
