package io.sluice.storage.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.status.ComponentStatus;
import io.sluice.pipeline.telemetry.ExporterMetrics;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import io.sluice.storage.QueueSettings;
import io.sluice.storage.QueueSizer;
import io.sluice.storage.WriterOptions;
import io.sluice.storage.config.BulkProcessing;
import io.sluice.storage.config.ElasticsearchConfig;
import io.sluice.storage.config.SearchFlavor;
import io.sluice.storage.es.SpanDocumentWriter;
import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import io.vertx.core.Future;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BulkWriterTest {
  private static final long START_NANOS = 1_734_429_600_123_456_789L;
  private static final Pattern ID = Pattern.compile("\"_id\":\"([^\"]+)\"");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Telemetry telemetry = new Telemetry(MetricsLevel.NORMAL, registry);
  private final ComponentId exporterId = new ComponentId("jaeger_storage_exporter", "");
  private final ExporterMetrics metrics = telemetry.exporter(exporterId);
  private final List<ComponentStatus> statuses = new CopyOnWriteArrayList<>();
  private final FakeTransport transport = new FakeTransport();
  private final CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);
  private BulkWriter writer;

  @AfterEach
  void stop() {
    if (writer != null) {
      writer.shutdown().toCompletionStage().toCompletableFuture().join();
    }
  }

  private BulkWriter start(QueueSettings queue, CompletableFuture<Void> storageReady) {
    ElasticsearchConfig config = ElasticsearchConfig.defaults(SearchFlavor.OPENSEARCH);
    ServiceCache cache = new ServiceCache(Duration.ofHours(12), System::nanoTime);
    DocumentRenderer renderer =
        new DocumentRenderer(new SpanDocumentWriter(), IndexNamer.of(config), cache);
    WriterOptions options = new WriterOptions(exporterId, telemetry,
        (status, error) -> statuses.add(status), queue);
    BulkProcessing bulk = new BulkProcessing(5_000_000, 1000, Duration.ofMillis(20), 1);
    writer = new BulkWriter(transport, storageReady, renderer, cache, bulk, options,
        Duration.ofSeconds(5));
    writer.start();
    return writer;
  }

  private BulkWriter start() {
    return start(new QueueSettings(true, QueueSizer.BYTES, 1 << 20, true), ready);
  }

  private static List<JaegerSpan> spans(int count) {
    List<JaegerSpan> spans = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      spans.add(new JaegerSpan(0, 0xabc, i, "op", List.of(), START_NANOS, 1000, List.of(),
          List.of(), new JaegerProcess("svc", List.of())));
    }
    return spans;
  }

  private double items(String outcome) {
    return registry.get("otelcol_exporter_bulk_items").tag("outcome", outcome).counter().count();
  }

  @Test
  void acknowledgedSpanDocumentsCountAsSentAndServiceDocumentsDoNot() {
    start().write(spans(3));

    await().until(() -> metrics.sentCount() == 3);
    assertThat(metrics.sendFailedCount()).isZero();
    assertThat(items("acked")).isEqualTo(4.0);
    assertThat(transport.ids()).hasSize(4).first().isEqualTo(
        new io.sluice.storage.es.ServiceDocument("svc", "op").id());
    await().until(() -> writer.queuedSpans() == 0);
    assertThat(registry.get("otelcol_exporter_queue_size_bytes").gauge().value()).isZero();
  }

  @Test
  void permanentItemFailureCountsOnlyThatSpanAsFailed() {
    transport.answer = id -> id.startsWith("0000000000000abc-0000000000000002") ? 400 : 201;

    start().write(spans(3));

    await().until(() -> metrics.sentCount() + metrics.sendFailedCount() == 3);
    assertThat(metrics.sentCount()).isEqualTo(2);
    assertThat(metrics.sendFailedCount()).isEqualTo(1);
    assertThat(items("failed")).isEqualTo(1.0);
  }

  @Test
  void transientItemFailureIsRetriedUntilStored() {
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    transport.answer = id -> seen.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet()
        <= 2 && id.contains("-0000000000000001-") ? 429 : 201;

    start().write(spans(3));

    await().until(() -> metrics.sentCount() == 3);
    assertThat(metrics.sendFailedCount()).isZero();
    assertThat(items("retried")).isEqualTo(2.0);
  }

  @Test
  void transportFailureRetriesTheWholeRequestAndReportsRecoverableError() {
    transport.failures.set(2);

    start().write(spans(3));

    await().until(() -> metrics.sentCount() == 3);
    assertThat(transport.calls.get()).isEqualTo(3);
    assertThat(statuses).containsExactly(ComponentStatus.RECOVERABLE_ERROR, ComponentStatus.OK);
  }

  @Test
  void writesWaitUntilTheStorageIsReady() throws InterruptedException {
    CompletableFuture<Void> notYet = new CompletableFuture<>();
    Future<Void> write =
        start(new QueueSettings(true, QueueSizer.BYTES, 1 << 20, true), notYet).write(spans(2));

    assertThat(write.succeeded()).as("taken into the queue").isTrue();
    // Nothing may reach the transport while the storage is not ready.
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> transport.calls.get() == 0);
    notYet.complete(null);
    await().until(() -> metrics.sentCount() == 2);
  }

  @Test
  void withoutQueueTheWriteCompletesWhenStored() {
    transport.failures.set(1);
    Future<Void> write =
        start(new QueueSettings(false, QueueSizer.BYTES, 1 << 20, true), ready).write(spans(2));

    await().until(write::isComplete);
    assertThat(write.succeeded()).isTrue();
    assertThat(metrics.sentCount()).isEqualTo(2);
  }

  @Test
  void nonBlockingFullQueueCountsEnqueueFailed() {
    CompletableFuture<Void> never = new CompletableFuture<>();
    BulkWriter w = start(new QueueSettings(true, QueueSizer.ITEMS, 3, false), never);

    assertThat(w.write(spans(3)).succeeded()).isTrue();
    Future<Void> refused = w.write(spans(1));

    assertThat(refused.cause()).hasMessage("sending queue is full");
    assertThat(registry.get("otelcol_exporter_enqueue_failed_spans").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get("otelcol_exporter_queue_size").gauge().value()).isEqualTo(3.0);
    never.complete(null);
  }

  @Test
  void shutdownFlushesWhatIsQueued() {
    BulkWriter w = start();
    w.write(spans(5));

    w.shutdown().toCompletionStage().toCompletableFuture().join();
    writer = null;

    assertThat(metrics.sentCount()).isEqualTo(5);
  }

  @Test
  void shutdownCountsWhatCouldNotBeStoredAsFailed() {
    transport.failures.set(Integer.MAX_VALUE);
    ElasticsearchConfig config = ElasticsearchConfig.defaults(SearchFlavor.OPENSEARCH);
    ServiceCache cache = new ServiceCache(Duration.ofHours(12), System::nanoTime);
    writer = new BulkWriter(transport, ready,
        new DocumentRenderer(new SpanDocumentWriter(), IndexNamer.of(config), cache), cache,
        BulkProcessing.DEFAULTS, new WriterOptions(exporterId, telemetry,
            (status, error) -> {}, new QueueSettings(true, QueueSizer.BYTES, 1 << 20, true)),
        Duration.ofMillis(300));
    writer.start();
    writer.write(spans(4));

    writer.shutdown().toCompletionStage().toCompletableFuture().join();
    writer = null;

    assertThat(metrics.sentCount()).isZero();
    assertThat(metrics.sendFailedCount()).isEqualTo(4);
  }

  /** Answers each item by its {@code _id}, or fails the whole call while failures remain. */
  private static final class FakeTransport implements BulkTransport {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final List<String> seenIds = new CopyOnWriteArrayList<>();
    volatile Function<String, Integer> answer = id -> 201;

    @Override
    public Answer post(byte[] ndjson) throws IOException {
      calls.incrementAndGet();
      if (failures.getAndDecrement() > 0) {
        throw new ConnectException("Connection refused");
      }
      StringBuilder body = new StringBuilder("{\"took\":1,\"errors\":true,\"items\":[");
      Matcher m = ID.matcher(new String(ndjson, StandardCharsets.UTF_8));
      boolean first = true;
      while (m.find()) {
        String id = m.group(1);
        seenIds.add(id);
        int status = answer.apply(id);
        body.append(first ? "" : ",").append("{\"index\":{\"_id\":\"").append(id)
            .append("\",\"status\":").append(status);
        if (status >= 300) {
          body.append(",\"error\":{\"type\":\"test_exception\",\"reason\":\"refused by test\"}");
        }
        body.append("}}");
        first = false;
      }
      return new Answer(200, body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    List<String> ids() {
      return seenIds;
    }

    @Override
    public String describe() {
      return "fake";
    }
  }
}
