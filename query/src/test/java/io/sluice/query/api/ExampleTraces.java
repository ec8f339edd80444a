package io.sluice.query.api;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.sluice.pipeline.Traces;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.SpanLog;
import io.sluice.storage.translate.OtlpToJaeger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The traces the API tests store: the three-span worked example of spec
 * jaeger-storage-query.md §9.1 (service {@code oteltrace}) and a two-service call
 * ({@code frontend} calls {@code backend}) for the dependencies, both sent through the real
 * OTLP to Jaeger translation.
 */
public final class ExampleTraces {
  /** The worked example's trace id. */
  public static final String WORKED_TRACE = "5b8efff798038103d269b633813fc60c";
  /** The two-service trace's id. */
  public static final String CALL_TRACE = "0af7651916cd43dd8448eb211c80319c";
  /** The worked example's first span start, in ns since the epoch (2024-12-17T10:00Z). */
  public static final long WORKED_START_NANOS = 1734429600123456789L;

  private ExampleTraces() {}

  /** Returns the worked example's spans, every time moved by {@code shiftNanos}. */
  public static List<JaegerSpan> workedExample(long shiftNanos) {
    return shift(OtlpToJaeger.translate(Traces.of(List.of(workedExampleOtlp()))), shiftNanos);
  }

  /** Returns the frontend-to-backend trace, starting 1 s after the worked example. */
  public static List<JaegerSpan> frontendCallsBackend(long shiftNanos) {
    long start = WORKED_START_NANOS + 1_000_000_000L;
    Span root = span(CALL_TRACE, "00000000000000a1", "", "GET /home",
        Span.SpanKind.SPAN_KIND_SERVER, start, start + 9_000_000).build();
    Span child = span(CALL_TRACE, "00000000000000b2", "00000000000000a1", "GET /stock",
        Span.SpanKind.SPAN_KIND_SERVER, start + 1_000_000, start + 5_000_000).build();
    List<ResourceSpans> resources = List.of(resource("frontend", root), resource("backend", child));
    return shift(OtlpToJaeger.translate(Traces.of(resources)), shiftNanos);
  }

  /** The §9.1 input, built as the OTLP/JSON there reads. */
  static ResourceSpans workedExampleOtlp() {
    Resource resource = Resource.newBuilder()
        .addAttributes(str("service.name", "oteltrace"))
        .addAttributes(str("telemetry.sdk.language", "go"))
        .addAttributes(str("telemetry.sdk.name", "opentelemetry"))
        .addAttributes(str("telemetry.sdk.version", "1.32.0"))
        .build();
    Span server = span(WORKED_TRACE, "eee19b7ec3c1b174", "", "GET /api/users",
        Span.SpanKind.SPAN_KIND_SERVER, 1734429600123456789L, 1734429600148956789L)
        .addAttributes(str("http.request.method", "GET"))
        .addAttributes(str("url.scheme", "http"))
        .addAttributes(str("url.path", "/api/users"))
        .addAttributes(str("http.route", "/api/users"))
        .addAttributes(integer("http.response.status_code", 200))
        .addAttributes(str("server.address", "localhost"))
        .addAttributes(integer("server.port", 8080))
        .addAttributes(str("user_agent.original", "curl/8.5.0"))
        .build();
    Span redis = span(WORKED_TRACE, "b7ad6b7169203331", "eee19b7ec3c1b174", "GET",
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
    Span mysql = span(WORKED_TRACE, "00f067aa0ba902b7", "eee19b7ec3c1b174", "SELECT users",
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

  private static ResourceSpans resource(String service, Span span) {
    return ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(str("service.name", service)))
        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))
        .build();
  }

  private static Span.Builder span(String trace, String spanId, String parent, String name,
      Span.SpanKind kind, long startNanos, long endNanos) {
    return Span.newBuilder()
        .setTraceId(id(trace))
        .setSpanId(id(spanId))
        .setParentSpanId(id(parent))
        .setFlags(1)
        .setName(name)
        .setKind(kind)
        .setStartTimeUnixNano(startNanos)
        .setEndTimeUnixNano(endNanos)
        .setStatus(Status.getDefaultInstance());
  }

  private static List<JaegerSpan> shift(List<JaegerSpan> spans, long shiftNanos) {
    List<JaegerSpan> out = new ArrayList<>(spans.size());
    for (JaegerSpan s : spans) {
      List<SpanLog> logs = s.logs().stream()
          .map(log -> new SpanLog(log.timestampNanos() + shiftNanos, log.fields()))
          .toList();
      out.add(new JaegerSpan(s.traceIdHigh(), s.traceIdLow(), s.spanId(), s.operationName(),
          s.references(), s.startTimeNanos() + shiftNanos, s.durationNanos(), s.tags(), logs,
          s.process()));
    }
    return out;
  }

  private static ByteString id(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  private static KeyValue str(String key, String value) {
    return KeyValue.newBuilder().setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static KeyValue integer(String key, long value) {
    return KeyValue.newBuilder().setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }
}
