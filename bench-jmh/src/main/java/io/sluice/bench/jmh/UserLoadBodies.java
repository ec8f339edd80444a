package io.sluice.bench.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Builds OTLP export requests shaped like the user's load, as an SDK's batch span processor
 * sends them: one resource, and the spans grouped under the three libraries' scopes.
 *
 * <p>Span {@code i} is position {@code i % 3} of a request trace (the Gin server span
 * {@code /ping/GRM}, its redis {@code ping} child, its {@code gorm.Raw} child), with the
 * attributes {@code bench/UserTrace} records, random ids from a fixed seed, and the flags the
 * Go and Java SDKs set (sampled, parent-is-remote known). So a 1-span body holds one server span
 * and a 512-span body 171 server and 171 + 170 client spans.
 */
public final class UserLoadBodies {
  private static final String GIN_SCOPE =
      "go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin";
  private static final String REDIS_SCOPE = "github.com/redis/go-redis/extra/redisotel";
  private static final String GORM_SCOPE = "gorm.io/plugin/opentelemetry";
  private static final String SCOPE_VERSION = "0.57.0";
  private static final String ROUTE = "/ping/GRM";
  private static final int SAMPLED_AND_REMOTE_KNOWN = 0x101;
  private static final long FIRST_START_NANOS = 1_735_689_600_000_000_000L;
  private static final long REQUEST_GAP_NANOS = 1_000_000L;

  private static final List<KeyValue> RESOURCE = List.of(
      string("service.name", "grm-service"),
      string("telemetry.sdk.language", "go"),
      string("telemetry.sdk.name", "opentelemetry"),
      string("telemetry.sdk.version", "1.32.0"));
  private static final List<KeyValue> SERVER = List.of(
      string("http.method", "GET"),
      string("http.scheme", "http"),
      string("net.host.name", "localhost"),
      integer("net.host.port", 8080),
      string("net.sock.peer.addr", "127.0.0.1"),
      string("http.route", ROUTE),
      string("http.target", ROUTE),
      string("user_agent.original", "Go-http-client/1.1"),
      integer("http.status_code", 200));
  private static final List<KeyValue> REDIS = List.of(
      string("db.system", "redis"),
      string("db.statement", "ping"),
      string("net.peer.name", "redis"),
      integer("net.peer.port", 6379),
      string("db.connection_string", "redis://redis:6379"));
  private static final List<KeyValue> QUERY = List.of(
      string("db.system", "mysql"),
      string("db.statement", "SELECT 1"),
      integer("db.rows_affected", 1),
      string("server.address", "mysql"),
      integer("server.port", 3306));

  private static final JsonFactory JSON = new JsonFactory();
  private static final HexFormat HEX = HexFormat.of();

  private UserLoadBodies() {}

  /** Returns a request of {@code spanCount} spans; the same count always gives the same bytes. */
  public static ExportTraceServiceRequest request(int spanCount) {
    Random random = new Random(spanCount);
    ScopeSpans.Builder gin = scope(GIN_SCOPE);
    ScopeSpans.Builder redis = scope(REDIS_SCOPE);
    ScopeSpans.Builder gorm = scope(GORM_SCOPE);
    ByteString traceId = ByteString.EMPTY;
    ByteString serverId = ByteString.EMPTY;
    long start = 0;
    for (int i = 0; i < spanCount; i++) {
      if (i % 3 == 0) {
        traceId = randomBytes(random, 16);
        serverId = randomBytes(random, 8);
        start = FIRST_START_NANOS + i / 3 * REQUEST_GAP_NANOS;
        gin.addSpans(span(traceId, serverId, ByteString.EMPTY, ROUTE,
            Span.SpanKind.SPAN_KIND_SERVER, start, start + 700_000, SERVER));
      } else if (i % 3 == 1) {
        redis.addSpans(span(traceId, randomBytes(random, 8), serverId, "ping",
            Span.SpanKind.SPAN_KIND_CLIENT, start + 100_000, start + 180_500, REDIS));
      } else {
        gorm.addSpans(span(traceId, randomBytes(random, 8), serverId, "gorm.Raw",
            Span.SpanKind.SPAN_KIND_CLIENT, start + 200_000, start + 650_000, QUERY));
      }
    }
    ResourceSpans.Builder resource = ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAllAttributes(RESOURCE));
    for (ScopeSpans.Builder scope : List.of(gin, redis, gorm)) {
      if (scope.getSpansCount() > 0) {
        resource.addScopeSpans(scope);
      }
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(resource).build();
  }

  /**
   * Returns {@code request} as OTLP/JSON the way SDKs send it: lowerCamelCase names, hex ids,
   * enums as numbers and 64-bit integers as decimal strings. Writes only the fields that
   * {@link #request} sets.
   */
  public static byte[] json(ExportTraceServiceRequest request) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeArrayFieldStart("resourceSpans");
      for (ResourceSpans resource : request.getResourceSpansList()) {
        writeResourceSpans(resource, json);
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeResourceSpans(ResourceSpans resource, JsonGenerator json)
      throws IOException {
    json.writeStartObject();
    json.writeObjectFieldStart("resource");
    writeAttributes(resource.getResource().getAttributesList(), json);
    json.writeEndObject();
    json.writeArrayFieldStart("scopeSpans");
    for (ScopeSpans scope : resource.getScopeSpansList()) {
      json.writeStartObject();
      json.writeObjectFieldStart("scope");
      json.writeStringField("name", scope.getScope().getName());
      json.writeStringField("version", scope.getScope().getVersion());
      json.writeEndObject();
      json.writeArrayFieldStart("spans");
      for (Span span : scope.getSpansList()) {
        writeSpan(span, json);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeSpan(Span span, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("traceId", HEX.formatHex(span.getTraceId().toByteArray()));
    json.writeStringField("spanId", HEX.formatHex(span.getSpanId().toByteArray()));
    if (!span.getParentSpanId().isEmpty()) {
      json.writeStringField("parentSpanId", HEX.formatHex(span.getParentSpanId().toByteArray()));
    }
    json.writeNumberField("flags", span.getFlags());
    json.writeStringField("name", span.getName());
    json.writeNumberField("kind", span.getKindValue());
    json.writeStringField("startTimeUnixNano", Long.toUnsignedString(span.getStartTimeUnixNano()));
    json.writeStringField("endTimeUnixNano", Long.toUnsignedString(span.getEndTimeUnixNano()));
    writeAttributes(span.getAttributesList(), json);
    json.writeEndObject();
  }

  private static void writeAttributes(List<KeyValue> attributes, JsonGenerator json)
      throws IOException {
    json.writeArrayFieldStart("attributes");
    for (KeyValue attribute : attributes) {
      json.writeStartObject();
      json.writeStringField("key", attribute.getKey());
      json.writeObjectFieldStart("value");
      AnyValue value = attribute.getValue();
      if (value.hasIntValue()) {
        json.writeStringField("intValue", Long.toString(value.getIntValue()));
      } else {
        json.writeStringField("stringValue", value.getStringValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static ScopeSpans.Builder scope(String name) {
    return ScopeSpans.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName(name).setVersion(SCOPE_VERSION));
  }

  private static Span span(ByteString traceId, ByteString spanId, ByteString parentId,
      String name, Span.SpanKind kind, long startNanos, long endNanos, List<KeyValue> attributes) {
    return Span.newBuilder()
        .setTraceId(traceId)
        .setSpanId(spanId)
        .setParentSpanId(parentId)
        .setFlags(SAMPLED_AND_REMOTE_KNOWN)
        .setName(name)
        .setKind(kind)
        .setStartTimeUnixNano(startNanos)
        .setEndTimeUnixNano(endNanos)
        .addAllAttributes(attributes)
        .build();
  }

  private static KeyValue string(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static KeyValue integer(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  private static ByteString randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return ByteString.copyFrom(bytes);
  }
}
