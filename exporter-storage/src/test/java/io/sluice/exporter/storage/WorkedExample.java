package io.sluice.exporter.storage;

import static io.sluice.storage.translate.Otlp.id;
import static io.sluice.storage.translate.Otlp.integer;
import static io.sluice.storage.translate.Otlp.str;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.sluice.pipeline.Traces;
import java.util.List;

/** The three-span trace of jaeger-storage-query.md §9.1, as protobuf. */
public final class WorkedExample {
  public static final String TRACE = "5b8efff798038103d269b633813fc60c";

  private WorkedExample() {}

  /** Returns the trace as one batch. */
  public static Traces traces() {
    return Traces.of(List.of(resourceSpans()));
  }

  /** Returns the trace's one {@code ResourceSpans}: one resource, one scope, three spans. */
  public static ResourceSpans resourceSpans() {
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
