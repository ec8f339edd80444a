package io.sluice.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OpenTelemetry Java SDK exports spans over http/protobuf and every field arrives. */
class OtlpHttpReceiverSdkTest {
  private static final long START_NANOS = 1_700_000_000_123_456_789L;
  private static final String LINKED_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String LINKED_SPAN = "b7ad6b7169203331";

  private ReceiverFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new ReceiverFixture();
    fixture.startHttp(OtlpReceiverConfig.Http.DEFAULT_MAX_REQUEST_BODY_BYTES);
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip"})
  void sdkSpansArriveWithEveryField(String compression) {
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setEndpoint(fixture.tracesUrl())
        .setCompression(compression)
        .build();
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.create(Attributes.of(
            AttributeKey.stringKey("service.name"), "checkout",
            AttributeKey.stringKey("host.name"), "host-1")))
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
        .build();
    SpanContext[] ids = emitSpans(provider.get("io.sluice.test", "1.2.3"));

    assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    provider.shutdown().join(10, TimeUnit.SECONDS);

    await().atMost(Duration.ofSeconds(5)).until(() -> spanCount() == 2);
    assertThat(fixture.consumer.received()).hasSize(1);
    ResourceSpans rs = fixture.consumer.received().get(0).resourceSpans().get(0);
    assertThat(rs.getResource().getAttributesList()).containsExactlyInAnyOrder(
        stringAttribute("service.name", "checkout"), stringAttribute("host.name", "host-1"));
    ScopeSpans scope = rs.getScopeSpans(0);
    assertThat(scope.getScope().getName()).isEqualTo("io.sluice.test");
    assertThat(scope.getScope().getVersion()).isEqualTo("1.2.3");
    assertServerSpan(scope.getSpansList().stream()
        .filter(s -> s.getName().equals("GET /cart")).findFirst().orElseThrow(), ids[0]);
    assertClientSpan(scope.getSpansList().stream()
        .filter(s -> s.getName().equals("SELECT cart")).findFirst().orElseThrow(), ids);
    assertThat(fixture.httpMetrics().accepted()).isEqualTo(2);
    assertThat(fixture.httpMetrics().refused()).isZero();
  }

  private static SpanContext[] emitSpans(Tracer tracer) {
    SpanContext linked = SpanContext.create(
        LINKED_TRACE, LINKED_SPAN, TraceFlags.getSampled(), TraceState.getDefault());
    Span server = tracer.spanBuilder("GET /cart")
        .setSpanKind(SpanKind.SERVER)
        .setStartTimestamp(START_NANOS, TimeUnit.NANOSECONDS)
        .setAttribute("http.status_code", 500L)
        .setAttribute("cart.ratio", 0.25)
        .setAttribute("cart.empty", true)
        .setAttribute(AttributeKey.stringArrayKey("cart.items"), List.of("a", "b"))
        .addLink(linked, Attributes.of(AttributeKey.stringKey("link.reason"), "retry"))
        .startSpan();
    server.addEvent("cache miss", Attributes.of(AttributeKey.longKey("cache.size"), 7L),
        START_NANOS + 1_000, TimeUnit.NANOSECONDS);
    server.setStatus(StatusCode.ERROR, "boom");
    Span client = tracer.spanBuilder("SELECT cart")
        .setSpanKind(SpanKind.CLIENT)
        .setParent(Context.root().with(server))
        .setStartTimestamp(START_NANOS + 2_000, TimeUnit.NANOSECONDS)
        .startSpan();
    client.end(START_NANOS + 3_000, TimeUnit.NANOSECONDS);
    server.end(START_NANOS + 5_000, TimeUnit.NANOSECONDS);
    return new SpanContext[] {server.getSpanContext(), client.getSpanContext()};
  }

  private static void assertServerSpan(
      io.opentelemetry.proto.trace.v1.Span span, SpanContext ids) {
    assertThat(hex(span.getTraceId().toByteArray())).isEqualTo(ids.getTraceId());
    assertThat(hex(span.getSpanId().toByteArray())).isEqualTo(ids.getSpanId());
    assertThat(span.getParentSpanId().isEmpty()).isTrue();
    assertThat(span.getKind())
        .isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(span.getStartTimeUnixNano()).isEqualTo(START_NANOS);
    assertThat(span.getEndTimeUnixNano()).isEqualTo(START_NANOS + 5_000);
    assertThat(span.getAttributesList()).containsExactlyInAnyOrder(
        attribute("http.status_code", AnyValue.newBuilder().setIntValue(500).build()),
        attribute("cart.ratio", AnyValue.newBuilder().setDoubleValue(0.25).build()),
        attribute("cart.empty", AnyValue.newBuilder().setBoolValue(true).build()),
        attribute("cart.items", AnyValue.newBuilder().setArrayValue(
            io.opentelemetry.proto.common.v1.ArrayValue.newBuilder()
                .addValues(AnyValue.newBuilder().setStringValue("a"))
                .addValues(AnyValue.newBuilder().setStringValue("b"))).build()));
    assertThat(span.getEventsCount()).isEqualTo(1);
    assertThat(span.getEvents(0).getName()).isEqualTo("cache miss");
    assertThat(span.getEvents(0).getTimeUnixNano()).isEqualTo(START_NANOS + 1_000);
    assertThat(span.getEvents(0).getAttributesList()).containsExactly(
        attribute("cache.size", AnyValue.newBuilder().setIntValue(7).build()));
    assertThat(span.getLinksCount()).isEqualTo(1);
    assertThat(hex(span.getLinks(0).getTraceId().toByteArray())).isEqualTo(LINKED_TRACE);
    assertThat(hex(span.getLinks(0).getSpanId().toByteArray())).isEqualTo(LINKED_SPAN);
    assertThat(span.getLinks(0).getAttributesList())
        .containsExactly(stringAttribute("link.reason", "retry"));
    assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(span.getStatus().getMessage()).isEqualTo("boom");
  }

  private static void assertClientSpan(
      io.opentelemetry.proto.trace.v1.Span span, SpanContext[] ids) {
    assertThat(hex(span.getTraceId().toByteArray())).isEqualTo(ids[0].getTraceId());
    assertThat(hex(span.getSpanId().toByteArray())).isEqualTo(ids[1].getSpanId());
    assertThat(hex(span.getParentSpanId().toByteArray())).isEqualTo(ids[0].getSpanId());
    assertThat(span.getKind())
        .isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT);
    assertThat(span.getStartTimeUnixNano()).isEqualTo(START_NANOS + 2_000);
    assertThat(span.getEndTimeUnixNano()).isEqualTo(START_NANOS + 3_000);
    assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
  }

  private int spanCount() {
    return fixture.consumer.received().stream().mapToInt(t -> t.spanCount()).sum();
  }

  private static KeyValue stringAttribute(String key, String value) {
    return attribute(key, AnyValue.newBuilder().setStringValue(value).build());
  }

  private static KeyValue attribute(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
