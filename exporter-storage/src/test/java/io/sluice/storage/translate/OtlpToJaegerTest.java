package io.sluice.storage.translate;

import static io.sluice.storage.translate.Otlp.array;
import static io.sluice.storage.translate.Otlp.attr;
import static io.sluice.storage.translate.Otlp.id;
import static io.sluice.storage.translate.Otlp.map;
import static io.sluice.storage.translate.Otlp.s;
import static io.sluice.storage.translate.Otlp.str;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.sluice.pipeline.Traces;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanLog;
import io.sluice.storage.model.SpanRef;
import io.sluice.storage.model.SpanRef.RefType;
import io.sluice.storage.model.ValueType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OtlpToJaegerTest {
  private static final String TRACE = "5b8efff798038103d269b633813fc60c";
  private static final String PARENT = "eee19b7ec3c1b174";

  private static Span.Builder span() {
    return Span.newBuilder().setTraceId(id(TRACE)).setSpanId(id("00f067aa0ba902b7"))
        .setName("op").setStartTimeUnixNano(1_000_000_000L).setEndTimeUnixNano(1_000_002_500L);
  }

  private static JaegerSpan translate(Span span, InstrumentationScope scope, Resource resource) {
    ResourceSpans rs = ResourceSpans.newBuilder().setResource(resource)
        .addScopeSpans(ScopeSpans.newBuilder().setScope(scope).addSpans(span)).build();
    List<JaegerSpan> spans = OtlpToJaeger.translate(Traces.of(List.of(rs)));
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  private static JaegerSpan translate(Span span) {
    return translate(span, InstrumentationScope.getDefaultInstance(),
        Resource.newBuilder().addAttributes(str("service.name", "svc")).build());
  }

  static Stream<Arguments> valueTypes() {
    return Stream.of(
        Arguments.of(s("hello"), ValueType.STRING, "hello"),
        Arguments.of(AnyValue.newBuilder().setBoolValue(true).build(), ValueType.BOOL, "true"),
        Arguments.of(AnyValue.newBuilder().setBoolValue(false).build(), ValueType.BOOL, "false"),
        Arguments.of(AnyValue.newBuilder().setIntValue(-200).build(), ValueType.INT64, "-200"),
        Arguments.of(AnyValue.newBuilder().setDoubleValue(3.14159265358979).build(),
            ValueType.FLOAT64, "3.141592654"),
        Arguments.of(AnyValue.newBuilder().setBytesValue(id("00003039")).build(),
            ValueType.BINARY, "00003039"),
        Arguments.of(array(s("a"), s("b")), ValueType.STRING, "[\"a\",\"b\"]"),
        Arguments.of(array(AnyValue.newBuilder().setIntValue(1).build(),
            AnyValue.newBuilder().setDoubleValue(2.5).build(),
            AnyValue.newBuilder().setDoubleValue(1e21).build(),
            AnyValue.newBuilder().setDoubleValue(1e-7).build(),
            AnyValue.newBuilder().setDoubleValue(100.0).build()),
            ValueType.STRING, "[1,2.5,1e+21,1e-7,100]"),
        Arguments.of(map("b", s("x"), "a", AnyValue.newBuilder().setIntValue(1).build()),
            ValueType.STRING, "{\"a\":1,\"b\":\"x\"}"),
        Arguments.of(map("k", s("first"), "k", s("last")), ValueType.STRING, "{\"k\":\"last\"}"),
        Arguments.of(array(AnyValue.newBuilder().setBytesValue(id("0102ff")).build(),
            AnyValue.newBuilder().setBytesValue(ByteString.EMPTY).build(),
            AnyValue.getDefaultInstance()), ValueType.STRING, "[\"AQL/\",null,null]"),
        Arguments.of(array(s("<&>\u2028\n")), ValueType.STRING,
            "[\"\\u003c\\u0026\\u003e\\u2028\\n\"]"),
        Arguments.of(map("n", map("z", array(), "y", map())), ValueType.STRING,
            "{\"n\":{\"y\":{},\"z\":[]}}"),
        Arguments.of(array(AnyValue.newBuilder().setDoubleValue(Double.NaN).build()),
            ValueType.STRING, ""),
        Arguments.of(AnyValue.getDefaultInstance(), ValueType.STRING, ""));
  }

  @ParameterizedTest
  @MethodSource("valueTypes")
  void attributeValuesMapToJaegerTypes(AnyValue value, ValueType type, String text) {
    JaegerSpan span = translate(span().addAttributes(attr("k", value)).build());

    assertThat(span.tags()).hasSize(1);
    assertThat(span.tags().get(0).type()).isEqualTo(type);
    assertThat(span.tags().get(0).valueAsString()).isEqualTo(text);
  }

  @Test
  void tagsFollowJaegerOrderForAnErrorClientSpan() {
    Span otlp = span().setKind(Span.SpanKind.SPAN_KIND_CLIENT)
        .addAttributes(str("span.kind", "dup"))
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
            .setMessage("timeout"))
        .setTraceState("vendor=abc").build();

    JaegerSpan span = translate(otlp, InstrumentationScope.newBuilder().setName("lib").build(),
        Resource.newBuilder().addAttributes(str("service.name", "svc")).build());

    assertThat(span.tags()).containsExactly(
        KeyValue.string("otel.scope.name", "lib"),
        KeyValue.string("span.kind", "dup"),
        KeyValue.string("span.kind", "client"),
        KeyValue.string("otel.status_code", "ERROR"),
        KeyValue.bool("error", true),
        KeyValue.string("otel.status_description", "timeout"),
        KeyValue.string("w3c.tracestate", "vendor=abc"));
  }

  @Test
  void kindsAndStatusesMapToTags() {
    assertThat(translate(span().setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK)
            .setMessage("fine")).build()).tags())
        .containsExactly(KeyValue.string("span.kind", "internal"),
            KeyValue.string("otel.status_code", "OK"),
            KeyValue.string("otel.status_description", "fine"));
    assertThat(translate(span().setKind(Span.SpanKind.SPAN_KIND_PRODUCER).build()).tags())
        .containsExactly(KeyValue.string("span.kind", "producer"));
    assertThat(translate(span().setKind(Span.SpanKind.SPAN_KIND_CONSUMER).build()).tags())
        .containsExactly(KeyValue.string("span.kind", "consumer"));
    assertThat(translate(span().setKind(Span.SpanKind.SPAN_KIND_SERVER).build()).tags())
        .containsExactly(KeyValue.string("span.kind", "server"));
    assertThat(translate(span().build()).tags()).isEmpty();
  }

  @Test
  void eventsBecomeLogsWithTheNameFirstUnlessAnEventAttributeExists() {
    Span otlp = span()
        .addEvents(Span.Event.newBuilder().setTimeUnixNano(5_000).setName("named")
            .addAttributes(str("a", "1")))
        .addEvents(Span.Event.newBuilder().setTimeUnixNano(6_000).setName("ignored")
            .addAttributes(str("event", "wins")))
        .addEvents(Span.Event.newBuilder().setTimeUnixNano(7_000))
        .build();

    assertThat(translate(otlp).logs()).containsExactly(
        new SpanLog(5_000, List.of(KeyValue.string("event", "named"), KeyValue.string("a", "1"))),
        new SpanLog(6_000, List.of(KeyValue.string("event", "wins"))),
        new SpanLog(7_000, List.of()));
  }

  @Test
  void parentComesFirstAndLinksFollowWithTheirRefType() {
    Span otlp = span().setParentSpanId(id(PARENT))
        .addLinks(Span.Link.newBuilder().setTraceId(id("0000000000000000000000000000abcd"))
            .setSpanId(id("0000000000000001")).addAttributes(str("opentracing.ref_type",
                "child_of")))
        .addLinks(Span.Link.newBuilder().setTraceId(id(TRACE)).setSpanId(id("0000000000000002"))
            .addAttributes(str("other", "x")))
        .build();

    assertThat(translate(otlp).references()).containsExactly(
        new SpanRef(RefType.CHILD_OF, 0x5b8efff798038103L, 0xd269b633813fc60cL,
            0xeee19b7ec3c1b174L),
        new SpanRef(RefType.CHILD_OF, 0, 0xabcd, 1),
        new SpanRef(RefType.FOLLOWS_FROM, 0x5b8efff798038103L, 0xd269b633813fc60cL, 2));
  }

  @Test
  void linkToTheParentOverwritesTheParentReferenceType() {
    Span otlp = span().setParentSpanId(id(PARENT))
        .addLinks(Span.Link.newBuilder().setTraceId(id(TRACE)).setSpanId(id(PARENT))
            .addAttributes(str("opentracing.ref_type", "follows_from")))
        .build();

    assertThat(translate(otlp).references()).containsExactly(
        new SpanRef(RefType.FOLLOWS_FROM, 0x5b8efff798038103L, 0xd269b633813fc60cL,
            0xeee19b7ec3c1b174L));
  }

  @Test
  void traceIdWithZeroHighHalfAndNegativeDurationAreKept() {
    JaegerSpan span = translate(span().setTraceId(id("0000000000000000000000000000002a"))
        .setStartTimeUnixNano(2_000).setEndTimeUnixNano(500).build());

    assertThat(span.traceIdHigh()).isZero();
    assertThat(span.traceIdLow()).isEqualTo(42);
    assertThat(span.traceIdHex()).isEqualTo("000000000000002a");
    assertThat(span.durationNanos()).isEqualTo(-1_500);
  }

  @Test
  void processTakesEveryResourceAttributeButTheServiceName() {
    JaegerSpan span = translate(span().build(), InstrumentationScope.getDefaultInstance(),
        Resource.newBuilder().addAttributes(str("host", "a")).addAttributes(str("service.name",
            "svc")).addAttributes(attr("n", AnyValue.newBuilder().setIntValue(3).build())).build());

    assertThat(span.process().serviceName()).isEqualTo("svc");
    assertThat(span.process().tags())
        .containsExactly(KeyValue.string("host", "a"), KeyValue.int64("n", 3));
  }

  @Test
  void resourceWithoutScopeSpansProducesNothing() {
    ResourceSpans empty = ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(str("service.name", "svc"))).build();

    assertThat(OtlpToJaeger.translate(Traces.of(List.of(empty)))).isEmpty();
  }
}
