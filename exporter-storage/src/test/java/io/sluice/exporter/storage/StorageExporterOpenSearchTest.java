package io.sluice.exporter.storage;

import static io.sluice.storage.config.YamlNodes.map;
import static io.sluice.storage.config.YamlNodes.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Exporter;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.status.StatusReporter;
import io.sluice.pipeline.telemetry.ExporterMetrics;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import io.sluice.pipeline.Traces;
import io.sluice.storage.JaegerStorageExtension;
import io.sluice.storage.JaegerStorageExtensionFactory;
import io.sluice.storage.TraceWriter;
import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.testsupport.OpenSearchNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The storage exporter and the jaeger_storage extension against a real OpenSearch 2.19.6. */
class StorageExporterOpenSearchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static Vertx vertx;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Telemetry telemetry = new Telemetry(MetricsLevel.NORMAL, registry);
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

  /** A started extension and exporter writing to {@code url} with {@code searchBlock}. */
  private record Pipeline(JaegerStorageExtension extension, Exporter exporter,
      ExporterMetrics metrics) {}

  private Pipeline start(String url, Map<String, Object> searchBlock) {
    Map<String, Object> block = new HashMap<>(searchBlock);
    block.put("server_urls", List.of(url));
    JaegerStorageExtensionFactory extensionFactory = new JaegerStorageExtensionFactory();
    ComponentId extensionId = new ComponentId("jaeger_storage", "");
    Extension extension = extensionFactory.create(
        new CreateSettings(extensionId, ComponentKind.EXTENSION, vertx, telemetry),
        extensionFactory.decodeConfig(node("extensions::jaeger_storage",
            map("backends", map("main", map("opensearch", block))))));
    Host host = new Host() {
      @Override
      public Map<ComponentId, Extension> extensions() {
        return Map.of(extensionId, extension);
      }

      @Override
      public StatusReporter status() {
        return StatusReporter.NONE;
      }
    };
    extension.start(host).await();
    JaegerStorageExporterFactory exporterFactory = new JaegerStorageExporterFactory();
    ComponentId exporterId = new ComponentId("jaeger_storage_exporter", "");
    Exporter exporter = exporterFactory.createTraces(
        new CreateSettings(exporterId, ComponentKind.EXPORTER, vertx, telemetry),
        exporterFactory.decodeConfig(node("exporters::jaeger_storage_exporter",
            map("trace_storage", "main"))));
    exporter.start(host).await();
    cleanup.add(() -> {
      exporter.shutdown().await();
      extension.shutdown().await();
    });
    return new Pipeline((JaegerStorageExtension) extension, exporter,
        telemetry.exporter(exporterId));
  }

  private static String uniquePrefix() {
    return "t" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
  }

  @Test
  void templatesArePutWithPrefixShardsAndReplicas() throws Exception {
    String url = OpenSearchNode.shared().httpUrl();
    String prefix = uniquePrefix();

    start(url, map("indices", map("index_prefix", prefix,
        "spans", map("shards", 2, "replicas", 0), "services", map("shards", 3))));

    JsonNode span = get(url, "/_template/" + prefix + "-jaeger-span").path(prefix + "-jaeger-span");
    assertThat(span.path("index_patterns").toString())
        .isEqualTo("[\"*" + prefix + "-jaeger-span-*\"]");
    assertThat(span.path("settings").path("index").path("number_of_shards").asText())
        .isEqualTo("2");
    assertThat(span.path("settings").path("index").path("number_of_replicas").asText())
        .as("0 replicas means the default, as in Jaeger").isEqualTo("1");
    assertThat(span.path("mappings").path("properties").path("startTimeMillis"))
        .isEqualTo(JSON.readTree("{\"type\":\"date\",\"format\":\"epoch_millis\"}"));
    JsonNode service =
        get(url, "/_template/" + prefix + "-jaeger-service").path(prefix + "-jaeger-service");
    assertThat(service.path("index_patterns").toString())
        .isEqualTo("[\"*" + prefix + "-jaeger-service-*\"]");
    assertThat(service.path("settings").path("index").path("number_of_shards").asText())
        .isEqualTo("3");
  }

  @Test
  void workedExampleIsStoredAsTheSpecDocuments() throws Exception {
    String url = OpenSearchNode.shared().httpUrl();
    Pipeline p = start(url, map("indices", map("index_prefix", "jaeger2-main")));

    p.exporter().consume(WorkedExample.traces()).await();

    await().atMost(Duration.ofSeconds(30)).until(() -> p.metrics().sentCount() == 3);
    assertThat(p.metrics().sendFailedCount()).isZero();
    post(url, "/jaeger2-main-jaeger-*/_refresh", "");
    List<String> golden = goldenLines();
    Map<String, JsonNode> spans = sources(url, "jaeger2-main-jaeger-span-2024-12-17", "spanID");
    assertThat(spans).hasSize(3);
    for (int i = 3; i < golden.size(); i += 4) {
      JsonNode expected = JSON.readTree(golden.get(i));
      assertThat(spans.get(expected.path("spanID").asText())).isEqualTo(expected);
    }
    JsonNode services = search(url, "jaeger2-main-jaeger-service-2024-12-17");
    assertThat(services.path("hits").path("total").path("value").asInt()).isEqualTo(3);
    for (int i = 0; i < golden.size(); i += 4) {
      JsonNode action = JSON.readTree(golden.get(i)).path("index");
      JsonNode doc = get(url, "/" + action.path("_index").asText() + "/_doc/"
          + action.path("_id").asText());
      assertThat(doc.path("_source")).isEqualTo(JSON.readTree(golden.get(i + 1)));
    }
  }

  @Test
  void mappingRejectionFailsOnlyThatSpanAndTheRestIsStored() throws Exception {
    String url = OpenSearchNode.shared().httpUrl();
    String prefix = uniquePrefix();
    Pipeline p = start(url, map("indices", map("index_prefix", prefix)));
    TraceWriter writer = writerOf(p);
    List<JaegerSpan> spans = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      // A negative duration renders as a uint64 near 2^64, which the long mapping refuses.
      long durationNanos = i == 3 ? -5_000 : 1_000_000;
      spans.add(new JaegerSpan(0, 0x77, i, "op", List.of(), 1_734_429_600_000_000_000L,
          durationNanos, List.of(), List.of(), new JaegerProcess("svc", List.of())));
    }

    writer.write(spans).await();

    await().atMost(Duration.ofSeconds(30))
        .until(() -> p.metrics().sentCount() + p.metrics().sendFailedCount() == 4);
    assertThat(p.metrics().sentCount()).isEqualTo(3);
    assertThat(p.metrics().sendFailedCount()).isEqualTo(1);
    assertThat(registry.get("otelcol_exporter_bulk_items").tag("outcome", "failed").counter()
        .count()).isEqualTo(1.0);
    post(url, "/" + prefix + "-jaeger-span-*/_refresh", "");
    assertThat(search(url, prefix + "-jaeger-span-2024-12-17").path("hits").path("total")
        .path("value").asInt()).isEqualTo(3);
  }

  @Test
  void unreachableStorageAtStartDoesNotFailStartAndWritesWait() throws Exception {
    OpenSearchNode node = OpenSearchNode.start();
    try {
      String prefix = uniquePrefix();
      node.stop();
      Pipeline p = start(node.httpUrl(), map("indices", map("index_prefix", prefix)));
      TraceWriter writer = writerOf(p);
      writer.write(spans(0x99, 10_000)).await();
      assertThat(p.metrics().sentCount()).isZero();

      node.restart();

      await().atMost(Duration.ofSeconds(120)).until(() -> p.metrics().sentCount() == 10_000);
      assertThat(p.metrics().sendFailedCount()).isZero();
      post(node.httpUrl(), "/" + prefix + "-jaeger-span-*/_refresh", "");
      assertThat(search(node.httpUrl(), prefix + "-jaeger-span-*").path("hits").path("total")
          .path("value").asInt()).isEqualTo(10_000);
    } finally {
      stopComponents();
      cleanup.clear();
      node.close();
    }
  }

  private static List<JaegerSpan> spans(long traceLow, int count) {
    List<JaegerSpan> spans = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      spans.add(new JaegerSpan(0, traceLow, i, "op" + (i % 7), List.of(),
          1_734_429_600_000_000_000L + i * 1_000L, 1_000_000, List.of(), List.of(),
          new JaegerProcess("svc", List.of())));
    }
    return spans;
  }

  private static TraceWriter writerOf(Pipeline p) {
    return ((StorageExporter) p.exporter()).writer();
  }

  private static List<String> goldenLines() throws IOException {
    try (InputStream in = StorageExporterOpenSearchTest.class
        .getResourceAsStream("/golden/worked-example-bulk.ndjson")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static Map<String, JsonNode> sources(String url, String index, String key)
      throws Exception {
    Map<String, JsonNode> byKey = new HashMap<>();
    for (JsonNode hit : search(url, index).path("hits").path("hits")) {
      byKey.put(hit.path("_source").path(key).asText(), hit.path("_source"));
    }
    return byKey;
  }

  private static JsonNode search(String url, String index) throws Exception {
    return JSON.readTree(send(HttpRequest.newBuilder(URI.create(url + "/" + index
        + "/_search?size=100&track_total_hits=true")).GET()));
  }

  private static JsonNode get(String url, String path) throws Exception {
    return JSON.readTree(send(HttpRequest.newBuilder(URI.create(url + path)).GET()));
  }

  private static void post(String url, String path, String body) throws Exception {
    send(HttpRequest.newBuilder(URI.create(url + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static String send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isLessThan(300);
    return response.body();
  }
}
