package io.sluice.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.sluice.collector.Collector;
import io.sluice.pipeline.ComponentId;
import io.sluice.storage.JaegerStorageExtension;
import io.sluice.storage.MemoryStorage;
import io.sluice.storage.es.SpanDocumentWriter;
import io.sluice.storage.memory.MemoryTraceStore;
import io.sluice.storage.model.JaegerSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The no-config default (all-in-one, memory storage) run in-process: the Java SDK's spans all
 * reach the memory store, every field as Jaeger would keep it, and the counters agree.
 */
class AllInOneMemoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TRACES = 200;
  private static final int SPANS = TRACES * 3;

  private InProcessCollector running;
  private Collector collector;

  @BeforeEach
  void startDefault() throws Exception {
    running = InProcessCollector.start();
    collector = running.collector();
  }

  @AfterEach
  void stop() throws Exception {
    running.close();
  }

  @Test
  void everySpanTheClientExportedIsInMemoryStorage() throws Exception {
    List<SpanData> sent;
    try (UserLoad load = new UserLoad(running.otlpHttpUrl())) {
      load.send(TRACES);
      load.flush();
      assertThat(load.exportedSpans()).isEqualTo(SPANS);
      sent = load.finishedSpans();
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> sentSpans() == SPANS);
    MemoryTraceStore store = memoryStore();

    assertThat(store.spanCount()).isEqualTo(SPANS);
    assertThat(store.traceCount()).isEqualTo(TRACES);
    assertThat(store.services()).containsExactly(UserLoad.SERVICE);
    SpanDocumentWriter writer = new SpanDocumentWriter();
    for (SpanData span : sent) {
      JaegerSpan stored = find(store, span);
      assertThat(JSON.readTree(writer.toJson(stored)))
          .isEqualTo(ExpectedDocuments.spanDocument(span));
    }
    String metrics = collector.scrape();
    assertThat(Http.metric(metrics, "otelcol_receiver_accepted_spans", "transport=\"http\""))
        .isEqualTo(SPANS);
    assertThat(Http.metric(metrics, "otelcol_receiver_refused_spans", "transport=\"http\""))
        .isZero();
  }

  private long sentSpans() {
    return Http.metric(collector.scrape(), "otelcol_exporter_sent_spans",
        "exporter=\"jaeger_storage_exporter\"");
  }

  private MemoryTraceStore memoryStore() {
    JaegerStorageExtension storage = (JaegerStorageExtension)
        collector.service().extensions().get(ComponentId.parse("jaeger_storage"));
    return ((MemoryStorage) storage.storage("some_storage").orElseThrow()).store();
  }

  private static JaegerSpan find(MemoryTraceStore store, SpanData span) {
    long high = Long.parseUnsignedLong(span.getTraceId().substring(0, 16), 16);
    long low = Long.parseUnsignedLong(span.getTraceId().substring(16), 16);
    long spanId = Long.parseUnsignedLong(span.getSpanId(), 16);
    List<JaegerSpan> matches = store.getTrace(high, low).stream()
        .filter(s -> s.spanId() == spanId).toList();
    assertThat(matches).as("stored copies of span %s", span.getSpanId()).hasSize(1);
    return matches.get(0);
  }
}
