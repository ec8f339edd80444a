package io.sluice.collector.exporter;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.sluice.pipeline.Traces;
import java.util.HexFormat;
import java.util.List;

/** Small fixed batches for the exporter tests. */
final class TestTraces {
  static final String TRACE_ID = "0102030405060708090a0b0c0d0e0f10";

  private TestTraces() {}

  /** Returns {@code checkout} with spans GET /cart and SELECT, and {@code auth} with login. */
  static Traces twoResourcesThreeSpans() {
    return Traces.of(List.of(
        resource("checkout", span("GET /cart", "1112131415161718", kv("http.status_code", 200L)),
            span("SELECT", "2122232425262728")),
        resource("auth", span("login", "3132333435363738", kv("user", "ann"), kv("ok", true)))));
  }

  /** Returns one span with every kind of field set. */
  static Traces oneDetailedSpan() {
    Span span = Span.newBuilder()
        .setTraceId(bytes(TRACE_ID))
        .setSpanId(bytes("1112131415161718"))
        .setParentSpanId(bytes("0000000000000000"))
        .setName("GET /cart")
        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setTraceState("ot=th:0")
        .setStartTimeUnixNano(1_581_452_772_000_000_321L)
        .setEndTimeUnixNano(1_581_452_773_000_000_000L)
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
            .setMessage("cancelled"))
        .addAttributes(kv("http.status_code", 500L))
        .addAttributes(kv("ratio", 0.25))
        .addAttributes(KeyValue.newBuilder().setKey("tags").setValue(AnyValue.newBuilder()
            .setArrayValue(ArrayValue.newBuilder().addValues(str("a")).addValues(
                AnyValue.newBuilder().setIntValue(2)))))
        .addAttributes(KeyValue.newBuilder().setKey("db").setValue(AnyValue.newBuilder()
            .setKvlistValue(KeyValueList.newBuilder().addValues(kv("system", "pg"))
                .addValues(kv("name", "cart")))))
        .addEvents(Span.Event.newBuilder().setName("retry")
            .setTimeUnixNano(1_581_452_772_500_000_000L)
            .addAttributes(kv("attempt", 2L)))
        .addLinks(Span.Link.newBuilder().setTraceId(bytes(TRACE_ID))
            .setSpanId(bytes("2122232425262728")).setDroppedAttributesCount(1))
        .build();
    ResourceSpans rs = ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(kv("service.name", "checkout")))
        .addScopeSpans(ScopeSpans.newBuilder()
            .setScope(InstrumentationScope.newBuilder().setName("io.shop").setVersion("1.2"))
            .addSpans(span))
        .build();
    return Traces.of(List.of(rs));
  }

  private static ResourceSpans resource(String service, Span... spans) {
    return ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(kv("service.name", service)))
        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))
        .build();
  }

  private static Span span(String name, String spanId, KeyValue... attributes) {
    return Span.newBuilder().setTraceId(bytes(TRACE_ID)).setSpanId(bytes(spanId)).setName(name)
        .addAllAttributes(List.of(attributes)).build();
  }

  static KeyValue kv(String key, Object value) {
    AnyValue.Builder v = AnyValue.newBuilder();
    if (value instanceof String s) {
      v.setStringValue(s);
    } else if (value instanceof Long l) {
      v.setIntValue(l);
    } else if (value instanceof Double d) {
      v.setDoubleValue(d);
    } else if (value instanceof Boolean b) {
      v.setBoolValue(b);
    }
    return KeyValue.newBuilder().setKey(key).setValue(v).build();
  }

  private static AnyValue str(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }

  private static ByteString bytes(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }
}
