package io.sluice.exporter.storage;

import static io.sluice.storage.config.YamlNodes.map;
import static io.sluice.storage.config.YamlNodes.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
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
import io.sluice.storage.JaegerStorageExtensionFactory;
import io.sluice.testsupport.OpenSearchNode;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 8's fault test: a real OpenSearch process is stopped for 30 s in the middle of a load of
 * 100,000 spans and started again; every span must end up stored exactly once, with the exporter
 * metrics and its health saying so.
 */
class OpenSearchOutageTest {
  private static final Logger log = LoggerFactory.getLogger(OpenSearchOutageTest.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int TOTAL_SPANS = 100_000;
  private static final int BATCH_SPANS = 500;
  /** One batch per interval: 5,000 spans/s, a little above what the node indexes. */
  private static final Duration BATCH_INTERVAL = Duration.ofMillis(100);
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final long DAY_START_NANOS = 1_734_393_600_000_000_000L;  // 2024-12-17 UTC
  private static final String INDEX = "jaeger2-main-jaeger-span-2024-12-17";
  private static Vertx vertx;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Telemetry telemetry = new Telemetry(MetricsLevel.NORMAL, registry);
  private final List<ComponentStatus> exporterStatuses = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  @Test
  void thirtySecondOutageMidLoadStoresEverySpanExactlyOnce() throws Exception {
    long began = System.nanoTime();
    try (OpenSearchNode node = OpenSearchNode.start()) {
      List<Runnable> stop = new ArrayList<>();
      try {
        Exporter exporter = startPipeline(node.httpUrl(), stop);
        runLoadThroughOutage(node, exporter, began);
        assertStoredExactlyOnce(node.httpUrl());
      } finally {
        stop.forEach(Runnable::run);
      }
    }
  }

  private void runLoadThroughOutage(OpenSearchNode node, Exporter exporter, long began) {
    ExporterMetrics metrics = telemetry.exporter(exporterId());
    Producer producer = new Producer(exporter);
    vertx.runOnContext(v -> producer.push(0));

    // The stop comes once a fifth of the load is stored, so it cuts into a stream of bulk requests
    // with more of the load still to be pushed during the outage.
    await().atMost(Duration.ofSeconds(60)).until(() -> metrics.sentCount() >= TOTAL_SPANS / 5);
    long stoppedAt = System.nanoTime();
    long pushedAtStop = producer.pushed.get();
    node.stop();
    await().atMost(OUTAGE)
        .until(() -> exporterStatuses.contains(ComponentStatus.RECOVERABLE_ERROR));
    // One bulk worker: it reports the failure only after settling the request before, so the
    // sent count is final for the outage from here on.
    long sentInOutage = metrics.sentCount();
    Duration left = OUTAGE.minusNanos(System.nanoTime() - stoppedAt);
    await().during(left).atMost(left.plusSeconds(5))
        .until(() -> metrics.sentCount() == sentInOutage);
    long pushedAtRestart = producer.pushed.get();
    node.restart();
    long restartedAt = System.nanoTime();
    await().atMost(Duration.ofSeconds(150)).until(() -> metrics.sentCount() == TOTAL_SPANS);
    long drainedAt = System.nanoTime();
    producer.done.future().await();
    log.info("outage test: node stopped with {} spans pushed, {} sent; {} pushed by the restart;"
        + " down {} ms; drained {} ms after the restart; {} ms in all", pushedAtStop,
        sentInOutage, pushedAtRestart, (restartedAt - stoppedAt) / 1_000_000,
        (drainedAt - restartedAt) / 1_000_000, (drainedAt - began) / 1_000_000);

    assertThat(producer.refused.get()).isZero();
    assertThat(producer.pushed.get()).isEqualTo(100_000L);
    assertThat(counter("otelcol_exporter_sent_spans")).isEqualTo(100_000.0);
    assertThat(counter("otelcol_exporter_send_failed_spans")).isEqualTo(0.0);
    assertThat(registry.find("otelcol_exporter_enqueue_failed_spans").counter()).isNull();
    assertThat(exporterStatuses)
        .containsExactly(ComponentStatus.RECOVERABLE_ERROR, ComponentStatus.OK);
    assertThat(sentInOutage).isBetween(20_000L, 99_999L);
    assertThat(pushedAtStop).isLessThan(100_000L);
  }

  /** Checks the index: the user's shards and replicas, and each span id exactly once. */
  private static void assertStoredExactlyOnce(String url) throws Exception {
    post(url, "/" + INDEX + "/_refresh", "");
    JsonNode settings = get(url, "/" + INDEX + "/_settings").path(INDEX).path("settings")
        .path("index");
    assertThat(settings.path("number_of_shards").asText()).isEqualTo("5");
    assertThat(settings.path("number_of_replicas").asText()).isEqualTo("1");
    assertThat(get(url, "/" + INDEX + "/_count").path("count").asLong()).isEqualTo(100_000L);
    assertThat(distinctSpanIdsWithOneDocument(url)).isEqualTo(100_000L);
  }

  /**
   * Pages a composite aggregation over every span id and checks each has one document: exact,
   * where cardinality is approximate and a terms aggregation with min_doc_count 2 can miss a
   * pair split over two shards.
   */
  private static long distinctSpanIdsWithOneDocument(String url) throws Exception {
    long distinct = 0;
    String after = "";
    while (true) {
      JsonNode agg = post(url, "/" + INDEX + "/_search", "{\"size\":0,\"aggs\":{\"ids\":"
          + "{\"composite\":{\"size\":10000," + after + "\"sources\":[{\"id\":{\"terms\":"
          + "{\"field\":\"spanID\"}}}]}}}}").path("aggregations").path("ids");
      JsonNode buckets = agg.path("buckets");
      if (buckets.isEmpty()) {
        return distinct;
      }
      for (JsonNode bucket : buckets) {
        assertThat(bucket.path("doc_count").asLong()).as(bucket.toString()).isEqualTo(1L);
        distinct++;
      }
      after = "\"after\":" + agg.path("after_key") + ",";
    }
  }

  private Exporter startPipeline(String url, List<Runnable> stop) {
    JaegerStorageExtensionFactory extensionFactory = new JaegerStorageExtensionFactory();
    ComponentId extensionId = new ComponentId("jaeger_storage", "");
    Map<String, Object> indexOptions = map("shards", 5, "replicas", 1);
    Extension extension = extensionFactory.create(
        new CreateSettings(extensionId, ComponentKind.EXTENSION, vertx, telemetry),
        extensionFactory.decodeConfig(node("extensions::jaeger_storage",
            map("backends", map("main", map("opensearch", map("server_urls", List.of(url),
                "indices", map("index_prefix", "jaeger2-main", "spans", indexOptions,
                    "services", indexOptions))))))));
    extension.start(host(extensionId, extension, StatusReporter.NONE)).await();
    JaegerStorageExporterFactory exporterFactory = new JaegerStorageExporterFactory();
    Exporter exporter = exporterFactory.createTraces(
        new CreateSettings(exporterId(), ComponentKind.EXPORTER, vertx, telemetry),
        exporterFactory.decodeConfig(node("exporters::jaeger_storage_exporter",
            map("trace_storage", "main"))));
    exporter.start(host(extensionId, extension, (status, error) -> exporterStatuses.add(status)))
        .await();
    stop.add(() -> {
      exporter.shutdown().await();
      extension.shutdown().await();
    });
    return exporter;
  }

  private static ComponentId exporterId() {
    return new ComponentId("jaeger_storage_exporter", "");
  }

  private static Host host(ComponentId id, Extension extension, StatusReporter status) {
    return new Host() {
      @Override
      public Map<ComponentId, Extension> extensions() {
        return Map.of(id, extension);
      }

      @Override
      public StatusReporter status() {
        return status;
      }
    };
  }

  private double counter(String name) {
    return registry.get(name).tag("exporter", "jaeger_storage_exporter").counter().count();
  }

  /**
   * Pushes the load through {@code consume} from an event loop, one batch per interval; each
   * batch waits for the previous one's answer, so a full queue slows the producer down as it
   * slows the batch processor.
   */
  private static final class Producer {
    private final Exporter exporter;
    private final AtomicLong pushed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Promise<Void> done = Promise.promise();

    Producer(Exporter exporter) {
      this.exporter = exporter;
    }

    void push(int batch) {
      if (batch * BATCH_SPANS >= TOTAL_SPANS) {
        done.complete();
        return;
      }
      exporter.consume(batch(batch)).onComplete(answer -> {
        if (answer.succeeded()) {
          pushed.addAndGet(BATCH_SPANS);
        } else {
          refused.addAndGet(BATCH_SPANS);
        }
        vertx.setTimer(BATCH_INTERVAL.toMillis(), id -> push(batch + 1));
      });
    }

    /** Returns batch {@code n}: one trace of 500 spans whose span ids run on from the last. */
    private static Traces batch(int n) {
      ScopeSpans.Builder scope = ScopeSpans.newBuilder();
      for (int i = 1; i <= BATCH_SPANS; i++) {
        long spanId = (long) n * BATCH_SPANS + i;
        scope.addSpans(Span.newBuilder()
            .setTraceId(bytes(0x0fa17L, n + 1L))
            .setSpanId(bytes(spanId))
            .setName("op" + i % 7)
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(DAY_START_NANOS + spanId * 1_000L)
            .setEndTimeUnixNano(DAY_START_NANOS + spanId * 1_000L + 250_000L));
      }
      Resource resource = Resource.newBuilder().addAttributes(KeyValue.newBuilder()
          .setKey("service.name")
          .setValue(AnyValue.newBuilder().setStringValue("outage-test"))).build();
      return Traces.of(List.of(ResourceSpans.newBuilder()
          .setResource(resource)
          .addScopeSpans(scope)
          .build()));
    }

    private static ByteString bytes(long... words) {
      ByteBuffer buffer = ByteBuffer.allocate(8 * words.length);
      for (long word : words) {
        buffer.putLong(word);
      }
      return ByteString.copyFrom(buffer.array());
    }
  }

  private static JsonNode get(String url, String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
  }

  private static JsonNode post(String url, String path, String body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static JsonNode send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isLessThan(300);
    return JSON.readTree(response.body());
  }
}
