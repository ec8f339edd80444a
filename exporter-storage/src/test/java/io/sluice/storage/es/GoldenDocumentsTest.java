package io.sluice.storage.es;

import static io.sluice.storage.translate.Otlp.id;
import static io.sluice.storage.translate.Otlp.integer;
import static io.sluice.storage.translate.Otlp.str;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
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
  private static final String TRACE = "5b8efff798038103d269b633813fc60c";

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
    Resource resource = Resource.newBuilder()
        .addAttributes(str("service.name", "oteltrace"))
        .addAttributes(str("telemetry.sdk.language", "go"))
        .addAttributes(str("telemetry.sdk.name", "opentelemetry"))
        .addAttributes(str("telemetry.sdk.version", "1.32.0"))
        .build();
    Span server = span("eee19b7ec3c1b174", "", "GET /api/users", Span.SpanKind.SPAN_KIND_SERVER,
            1734429600123456789L, 1734429600148956789L)
        .addAttributes(str("http.request.method", "GET"))
        .addAttributes(str("url.scheme", "http"))
        .addAttributes(str("url.path", "/api/users"))
        .addAttributes(str("http.route", "/api/users"))
        .addAttributes(integer("http.response.status_code", 200))
        .addAttributes(str("server.address", "localhost"))
        .addAttributes(integer("server.port", 8080))
        .addAttributes(str("user_agent.original", "curl/8.5.0"))
        .build();
    Span redis = span("b7ad6b7169203331", "eee19b7ec3c1b174", "GET",
            Span.SpanKind.SPAN_KIND_CLIENT, 1734429600124000000L, 1734429600125250500L)
        .addAttributes(str("db.system", "redis"))
        .addAttributes(str("db.statement", "GET users:all"))
        .addAttributes(str("server.address", "redis"))
        .addAttributes(integer("server.port", 6379))
        .addEvents(Span.Event.newBuilder()
            .setTimeUnixNano(1734429600125100000L)
            .setName("cache miss")
            .addAttributes(str("cache.key", "users:all")))
        .build();
    Span mysql = span("00f067aa0ba902b7", "eee19b7ec3c1b174", "SELECT users",
            Span.SpanKind.SPAN_KIND_CLIENT, 1734429600126000000L, 1734429600147000000L)
        .addAttributes(str("db.system", "mysql"))
        .addAttributes(str("db.name", "shop"))
        .addAttributes(str("db.statement", "SELECT id, name FROM users"))
        .addAttributes(str("server.address", "mysql"))
        .addAttributes(integer("server.port", 3306))
        .build();
    return ResourceSpans.newBuilder()
        .setResource(resource)
        .addScopeSpans(ScopeSpans.newBuilder()
            .setScope(InstrumentationScope.newBuilder()
                .setName("example.com/oteltrace")
                .setVersion("0.1.0"))
            .addSpans(server)
            .addSpans(redis)
            .addSpans(mysql))
        .build();
  }

  private static Span.Builder span(
      String spanId, String parent, String name, Span.SpanKind kind, long start, long end) {
    return Span.newBuilder()
        .setTraceId(id(TRACE))
        .setSpanId(id(spanId))
        .setParentSpanId(id(parent))
        .setFlags(1)
        .setName(name)
        .setKind(kind)
        .setStartTimeUnixNano(start)
        .setEndTimeUnixNano(end)
        .setStatus(Status.getDefaultInstance());
  }
}
