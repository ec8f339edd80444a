package io.sluice.storage.es;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.sluice.exporter.storage.WorkedExample;
import io.sluice.pipeline.Traces;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.translate.OtlpToJaeger;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example of jaeger-storage-query.md §9: OTLP in, the exact bulk lines out. */
class GoldenDocumentsTest {
  private static final String TRACE = WorkedExample.TRACE;

  @Test
  void workedExampleProducesTheSixBulkLinesOfTheSpec() throws IOException {
    List<JaegerSpan> spans = OtlpToJaeger.translate(Traces.of(List.of(workedExample())));

    assertThat(bulkBody(spans)).isEqualTo(resource("/golden/worked-example-bulk.ndjson"));
  }

  @Test
  void sluiceSpanActionsCarryTheDeterministicId() {
    JaegerSpan server = OtlpToJaeger.translate(Traces.of(List.of(workedExample()))).get(0);
    JsonBuffer out = new JsonBuffer();

    BulkActions.writeIndex(out, "jaeger2-main-jaeger-span-2024-12-17", SpanDocumentIds.of(server));

    assertThat(out.toString())
        .isEqualTo("{\"index\":{\"_index\":\"jaeger2-main-jaeger-span-2024-12-17\",\"_id\":\""
            + SpanDocumentIds.of(server) + "\"}}");
    assertThat(SpanDocumentIds.of(server)).startsWith(TRACE + "-eee19b7ec3c1b174-").hasSize(58);
  }

  /** Renders the spans as Jaeger v2.1.0 queues them: service document, then span document. */
  private static String bulkBody(List<JaegerSpan> spans) {
    IndexNames names = IndexNames.daily("jaeger2-main");
    SpanDocumentWriter writer = new SpanDocumentWriter();
    JsonBuffer out = new JsonBuffer();
    for (JaegerSpan span : spans) {
      ServiceDocument service = ServiceDocument.of(span);
      BulkActions.writeIndex(out, names.serviceIndex(span.startTimeNanos()), service.id());
      out.writeByte('\n');
      service.write(out);
      out.writeByte('\n');
      BulkActions.writeIndex(out, names.spanIndex(span.startTimeNanos()), null);
      out.writeByte('\n');
      writer.write(span, out);
      out.writeByte('\n');
    }
    return out.toString();
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = GoldenDocumentsTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The OTLP/JSON request of §9.1 (also in test resources), built as protobuf. */
  static ResourceSpans workedExample() {
    return WorkedExample.resourceSpans();
  }
}
