package io.sluice.receiver.otlp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
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
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** OTLP/JSON requests decode to the protobuf request the collector would build. */
class OtlpJsonDecoderTest {
  /** Every field, camelCase, ids in upper-case hex, enums as names, int64s as strings. */
  static final String CAMEL_CASE = """
      {"resourceSpans":[{
        "resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}],
                    "droppedAttributesCount":1},
        "schemaUrl":"https://opentelemetry.io/schemas/1.21.0",
        "scopeSpans":[{
          "scope":{"name":"io.sluice.test","version":"1.2.3",
                   "attributes":[{"key":"lib","value":{"boolValue":true}}]},
          "schemaUrl":"s",
          "spans":[{
            "traceId":"0AF7651916CD43DD8448EB211C80319C",
            "spanId":"B7AD6B7169203331",
            "parentSpanId":"",
            "traceState":"k=v",
            "flags":257,
            "name":"GET /cart",
            "kind":"SPAN_KIND_SERVER",
            "startTimeUnixNano":"1700000000123456789",
            "endTimeUnixNano":1700000000123461789,
            "attributes":[
              {"key":"http.status_code","value":{"intValue":"500"}},
              {"key":"ratio","value":{"doubleValue":0.25}},
              {"key":"raw","value":{"bytesValue":"AQID"}},
              {"key":"items","value":{"arrayValue":{"values":[
                {"stringValue":"a"},{"intValue":2}]}}},
              {"key":"map","value":{"kvlistValue":{"values":[
                {"key":"k","value":{"stringValue":"v"}}]}}}
            ],
            "droppedAttributesCount":2,
            "events":[{"timeUnixNano":"1700000000123457789","name":"cache miss",
                       "attributes":[{"key":"size","value":{"intValue":7}}],
                       "droppedAttributesCount":3}],
            "droppedEventsCount":4,
            "links":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"00f067aa0ba902b7",
                      "traceState":"a=b","flags":1,
                      "attributes":[{"key":"reason","value":{"stringValue":"retry"}}],
                      "droppedAttributesCount":5}],
            "droppedLinksCount":6,
            "status":{"code":"STATUS_CODE_ERROR","message":"boom"}
          }]
        }]
      }]}
      """;

  /** The same request in snake_case, enums as numbers, ids lower-case, plus unknown fields. */
  static final String SNAKE_CASE = """
      {"resource_spans":[{
        "unknown":{"deep":[1,{"x":[[]]}]},
        "resource":{"attributes":[{"key":"service.name","value":{"string_value":"checkout"}}],
                    "dropped_attributes_count":1},
        "schema_url":"https://opentelemetry.io/schemas/1.21.0",
        "scope_spans":[{
          "scope":{"name":"io.sluice.test","version":"1.2.3",
                   "attributes":[{"key":"lib","value":{"bool_value":true}}]},
          "schema_url":"s",
          "spans":[{
            "trace_id":"0af7651916cd43dd8448eb211c80319c",
            "span_id":"b7ad6b7169203331",
            "parent_span_id":"0000000000000000",
            "trace_state":"k=v",
            "flags":"257",
            "name":"GET /cart",
            "kind":2,
            "start_time_unix_nano":1700000000123456789,
            "end_time_unix_nano":"1700000000123461789",
            "attributes":[
              {"key":"http.status_code","value":{"int_value":500}},
              {"key":"ratio","value":{"double_value":"0.25"}},
              {"key":"raw","value":{"bytes_value":"AQID"}},
              {"key":"items","value":{"array_value":{"values":[
                {"string_value":"a"},{"int_value":"2"}]}}},
              {"key":"map","value":{"kvlist_value":{"values":[
                {"key":"k","value":{"string_value":"v"}}]}}}
            ],
            "dropped_attributes_count":2,
            "events":[{"time_unix_nano":1700000000123457789,"name":"cache miss",
                       "attributes":[{"key":"size","value":{"int_value":"7"}}],
                       "dropped_attributes_count":3, "extra":null}],
            "dropped_events_count":4,
            "links":[{"trace_id":"0af7651916cd43dd8448eb211c80319c","span_id":"00f067aa0ba902b7",
                      "trace_state":"a=b","flags":1,
                      "attributes":[{"key":"reason","value":{"string_value":"retry"}}],
                      "dropped_attributes_count":5}],
            "dropped_links_count":6,
            "status":{"code":2,"message":"boom"}
          }]
        }]
      }]}
      """;

  @Test
  void camelCaseRequestDecodesEveryField() throws IOException {
    assertThat(decode(CAMEL_CASE)).isEqualTo(expected());
  }

  @Test
  void snakeCaseRequestWithNumbersAndUnknownFieldsDecodesTheSame() throws IOException {
    assertThat(decode(SNAKE_CASE)).isEqualTo(expected());
  }

  @Test
  void nullBodyIsARequestWithoutSpans() throws IOException {
    assertThat(decode("null")).isEqualTo(ExportTraceServiceRequest.getDefaultInstance());
    assertThat(decode("{}")).isEqualTo(ExportTraceServiceRequest.getDefaultInstance());
  }

  @Test
  void emptyBodyIsAnError() {
    assertThatThrownBy(() -> decode(""))
        .hasMessageStartingWith("empty body: expected a JSON object");
  }

  @Test
  void idOfWrongLengthIsAnError() {
    assertThatThrownBy(() -> decode(span("\"spanId\":\"b7ad6b71692033\"")))
        .hasMessageStartingWith("invalid length for ID");
  }

  @Test
  void idWithNonHexCharactersIsAnError() {
    assertThatThrownBy(() -> decode(span("\"spanId\":\"b7ad6b716920333g\"")))
        .hasMessageStartingWith("invalid hex in ID \"b7ad6b716920333g\"");
  }

  @Test
  void unknownEnumNameIsAnError() {
    assertThatThrownBy(() -> decode(span("\"kind\":\"SERVER\"")))
        .hasMessageStartingWith("unknown span kind \"SERVER\"");
  }

  @Test
  void unknownEnumNumberIsKept() throws IOException {
    Span span = decode(span("\"kind\":9")).getResourceSpans(0).getScopeSpans(0).getSpans(0);

    assertThat(span.getKindValue()).isEqualTo(9);
  }

  @Test
  void timestampAboveSignedRangeIsKeptAsUnsigned() throws IOException {
    Span span = decode(span("\"startTimeUnixNano\":\"18446744073709551615\""))
        .getResourceSpans(0).getScopeSpans(0).getSpans(0);

    assertThat(span.getStartTimeUnixNano()).isEqualTo(-1L);
  }

  @Test
  void int64OutOfRangeIsAnError() {
    assertThatThrownBy(() -> decode(attribute("{\"intValue\":\"9223372036854775808\"}")))
        .hasMessageStartingWith("expected an integer, got \"9223372036854775808\"");
  }

  @Test
  void badBase64IsAnError() {
    assertThatThrownBy(() -> decode(attribute("{\"bytesValue\":\"!!\"}")))
        .hasMessageStartingWith("invalid base64 in bytesValue");
  }

  @Test
  void deeplyNestedAttributeValuesAreRefusedWithoutStackOverflow() {
    String value = "{\"stringValue\":\"x\"}";
    for (int i = 0; i < 64; i++) {
      value = "{\"arrayValue\":{\"values\":[" + value + "]}}";
    }
    String body = attribute(value);

    assertThatThrownBy(() -> decode(body))
        .hasMessageStartingWith("attribute value nested deeper than 32 levels");
  }

  @Test
  void nestingUpToTheLimitIsAccepted() throws IOException {
    String value = "{\"stringValue\":\"x\"}";
    for (int i = 1; i < OtlpJsonDecoder.MAX_ANY_VALUE_DEPTH; i++) {
      value = "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":" + value + "}]}}";
    }

    assertThat(decode(attribute(value)).getResourceSpansCount()).isEqualTo(1);
  }

  @Test
  void wrongTypeIsAnErrorNamingWhatWasExpected() {
    assertThatThrownBy(() -> decode("{\"resourceSpans\":{}}"))
        .hasMessageStartingWith("expected an array, got {");
  }

  @Test
  void truncatedBodyIsAnError() {
    assertThatThrownBy(() -> decode("{\"resourceSpans\":[{")).isInstanceOf(IOException.class);
  }

  static ExportTraceServiceRequest expected() {
    Span span = Span.newBuilder()
        .setTraceId(ByteString.fromHex("0af7651916cd43dd8448eb211c80319c"))
        .setSpanId(ByteString.fromHex("b7ad6b7169203331"))
        .setTraceState("k=v")
        .setFlags(257)
        .setName("GET /cart")
        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setStartTimeUnixNano(1_700_000_000_123_456_789L)
        .setEndTimeUnixNano(1_700_000_000_123_461_789L)
        .addAttributes(kv("http.status_code", AnyValue.newBuilder().setIntValue(500)))
        .addAttributes(kv("ratio", AnyValue.newBuilder().setDoubleValue(0.25)))
        .addAttributes(kv("raw", AnyValue.newBuilder()
            .setBytesValue(ByteString.copyFrom(new byte[] {1, 2, 3}))))
        .addAttributes(kv("items", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
            .addValues(AnyValue.newBuilder().setStringValue("a"))
            .addValues(AnyValue.newBuilder().setIntValue(2)))))
        .addAttributes(kv("map", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
            .addValues(kv("k", AnyValue.newBuilder().setStringValue("v"))))))
        .setDroppedAttributesCount(2)
        .addEvents(Span.Event.newBuilder()
            .setTimeUnixNano(1_700_000_000_123_457_789L)
            .setName("cache miss")
            .addAttributes(kv("size", AnyValue.newBuilder().setIntValue(7)))
            .setDroppedAttributesCount(3))
        .setDroppedEventsCount(4)
        .addLinks(Span.Link.newBuilder()
            .setTraceId(ByteString.fromHex("0af7651916cd43dd8448eb211c80319c"))
            .setSpanId(ByteString.fromHex("00f067aa0ba902b7"))
            .setTraceState("a=b")
            .setFlags(1)
            .addAttributes(kv("reason", AnyValue.newBuilder().setStringValue("retry")))
            .setDroppedAttributesCount(5))
        .setDroppedLinksCount(6)
        .setStatus(Status.newBuilder()
            .setCode(Status.StatusCode.STATUS_CODE_ERROR)
            .setMessage("boom"))
        .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .setResource(Resource.newBuilder()
                .addAttributes(kv("service.name", AnyValue.newBuilder().setStringValue("checkout")))
                .setDroppedAttributesCount(1))
            .setSchemaUrl("https://opentelemetry.io/schemas/1.21.0")
            .addScopeSpans(ScopeSpans.newBuilder()
                .setScope(InstrumentationScope.newBuilder()
                    .setName("io.sluice.test")
                    .setVersion("1.2.3")
                    .addAttributes(kv("lib", AnyValue.newBuilder().setBoolValue(true))))
                .setSchemaUrl("s")
                .addSpans(span)))
        .build();
  }

  @Test
  void halfASurrogatePairBecomesTheReplacementCharacterAsInGo() throws IOException {
    ExportTraceServiceRequest request = decode(span(
        "\"name\":\"a\\ud800b\\udc00c\\ud83d\\ude00\",\"attributes\":[{\"key\":\"k\\udfff\","
            + "\"value\":{\"stringValue\":\"\\ud800\"}}]"));
    io.opentelemetry.proto.trace.v1.Span span =
        request.getResourceSpans(0).getScopeSpans(0).getSpans(0);

    assertThat(span.getName()).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00");
    assertThat(span.getAttributes(0).getKey()).isEqualTo("k\uFFFD");
    assertThat(span.getAttributes(0).getValue().getStringValue()).isEqualTo("\uFFFD");
  }

  private static KeyValue kv(String key, AnyValue.Builder value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static String span(String fields) {
    return "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + fields + "}]}]}]}";
  }

  private static String attribute(String value) {
    return span("\"attributes\":[{\"key\":\"a\",\"value\":" + value + "}]");
  }

  private static ExportTraceServiceRequest decode(String json) throws IOException {
    return OtlpJsonDecoder.decode(json.getBytes(UTF_8));
  }
}
