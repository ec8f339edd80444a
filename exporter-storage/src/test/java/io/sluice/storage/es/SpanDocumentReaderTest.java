package io.sluice.storage.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.exporter.storage.WorkedExample;
import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanLog;
import io.sluice.storage.model.SpanRef;
import io.sluice.storage.read.Spans;
import io.sluice.storage.translate.OtlpToJaeger;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Span documents read back into spans (spec §3.5), against what the writer makes. */
class SpanDocumentReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START = 1_734_429_600_123_456_789L;

  private final SpanDocumentReader reader = new SpanDocumentReader("@");

  @Test
  void goldenDocumentsOfTheWorkedExampleReadBackAsItsSpansInMicroseconds() throws IOException {
    List<String> lines = golden();
    List<JaegerSpan> spans = OtlpToJaeger.translate(WorkedExample.traces());

    for (int i = 0; i < spans.size(); i++) {
      assertThat(read(lines.get(4 * i + 3))).isEqualTo(Spans.truncatedToMicros(spans.get(i)));
    }
  }

  @Test
  void everyValueTypeRoundTripsThroughTheWriter() throws IOException {
    JaegerSpan span = everyType();

    JaegerSpan back = read(new SpanDocumentWriter().toJson(span));

    assertThat(back).isEqualTo(Spans.truncatedToMicros(span));
    assertThat(back.startTimeNanos()).isEqualTo(1_734_429_600_123_456_000L);
  }

  @Test
  void floatsComeBackWithTheTenSignificantDigitsStored() throws IOException {
    JaegerSpan span = Spans.withTags(plain(), KeyValue.float64("pi", 3.14159265358979));

    assertThat(read(new SpanDocumentWriter().toJson(span)).tags())
        .containsExactly(KeyValue.float64("pi", 3.141592654));
  }

  @Test
  void tagsAsFieldsComeAfterTheNestedTagsWithDotsRestoredAndWholeFloatsAsIntegers()
      throws IOException {
    JaegerSpan span = Spans.withProcessTags(Spans.withTags(plain(),
        KeyValue.string("http.route", "/a"), KeyValue.binary("raw", new byte[] {1, 2}),
        KeyValue.float64("ratio", 1.0), KeyValue.float64("share", 0.25),
        KeyValue.bool("cache.hit", true), KeyValue.int64("n", -3)),
        KeyValue.string("host.name", "h1"), KeyValue.int64("pid", 7));
    SpanDocumentWriter writer = new SpanDocumentWriter(TagsAsFields.of(true, "", "#"));

    JaegerSpan back = new SpanDocumentReader("#").read(JSON.readTree(writer.toJson(span)));

    assertThat(back.tags()).containsExactly(KeyValue.binary("raw", new byte[] {1, 2}),
        KeyValue.bool("cache.hit", true), KeyValue.string("http.route", "/a"),
        KeyValue.int64("n", -3), KeyValue.int64("ratio", 1), KeyValue.float64("share", 0.25));
    assertThat(back.process().tags())
        .containsExactly(KeyValue.string("host.name", "h1"), KeyValue.int64("pid", 7));
  }

  @Test
  void legacyDocumentsWithUnpaddedIdsAndParentSpanIdRead() throws IOException {
    JaegerSpan span = read("{\"traceID\":\"f067aa0ba902b7\",\"spanID\":\"1\","
        + "\"parentSpanID\":\"a\",\"flags\":1,\"operationName\":\"op\",\"references\":["
        + "{\"refType\":\"FOLLOWS_FROM\",\"traceID\":\"ABC\",\"spanID\":\"2\"}],"
        + "\"startTime\":7,\"startTimeMillis\":0,\"duration\":3,\"tags\":[],\"logs\":[],"
        + "\"process\":{\"serviceName\":\"old\",\"tags\":[]}}");

    assertThat(span).isEqualTo(new JaegerSpan(0, 0xf067aa0ba902b7L, 1, "op",
        List.of(new SpanRef(SpanRef.RefType.CHILD_OF, 0, 0xf067aa0ba902b7L, 0xa),
            new SpanRef(SpanRef.RefType.FOLLOWS_FROM, 0, 0xabc, 2)),
        7_000, 3_000, List.of(), List.of(), new JaegerProcess("old", List.of())));
  }

  @Test
  void aParentSpanIdAlreadyReferencedIsNotAddedAgain() throws IOException {
    JaegerSpan span = read("{\"traceID\":\"00000000000000aa\",\"spanID\":\"0000000000000001\","
        + "\"parentSpanID\":\"0000000000000009\",\"references\":[{\"refType\":\"FOLLOWS_FROM\","
        + "\"traceID\":\"00000000000000aa\",\"spanID\":\"0000000000000009\"}]}");

    assertThat(span.references())
        .containsExactly(new SpanRef(SpanRef.RefType.FOLLOWS_FROM, 0, 0xaa, 9));
    assertThat(span.operationName()).isEmpty();
    assertThat(span.process()).isEqualTo(new JaegerProcess("", List.of()));
  }

  @Test
  void thirtyTwoDigitIdsSplitIntoHighAndLow() throws IOException {
    JaegerSpan span = read("{\"traceID\":\"0af7651916cd43dd8448eb211c80319c\","
        + "\"spanID\":\"b7ad6b7169203331\"}");

    assertThat(span.traceIdHigh()).isEqualTo(0x0af7651916cd43ddL);
    assertThat(span.traceIdLow()).isEqualTo(0x8448eb211c80319cL);
    assertThat(span.spanId()).isEqualTo(0xb7ad6b7169203331L);
  }

  @Test
  void goBoolIntAndFloatSpellingsAreAccepted() throws IOException {
    JaegerSpan span = read(document("[" + tag("a", "bool", "T") + "," + tag("b", "bool", "0")
        + "," + tag("c", "int64", "+42") + "," + tag("d", "float64", "+Inf") + ","
        + tag("e", "float64", "-inf") + "," + tag("f", "float64", "NaN") + ","
        + tag("g", "float64", "1e-05") + "," + tag("h", "binary", "00FF") + "]"));

    assertThat(span.tags()).containsExactly(KeyValue.bool("a", true), KeyValue.bool("b", false),
        KeyValue.int64("c", 42), KeyValue.float64("d", Double.POSITIVE_INFINITY),
        KeyValue.float64("e", Double.NEGATIVE_INFINITY), KeyValue.float64("f", Double.NaN),
        KeyValue.float64("g", 0.00001), KeyValue.binary("h", new byte[] {0, (byte) 0xff}));
  }

  @Test
  void malformedDocumentsAreRefusedNamingTheFieldAndValue() {
    assertRefused(document("[{\"key\":\"k\",\"type\":\"string\",\"value\":null}]"),
        "span document field tags[0].value: expected a string, got null");
    assertRefused(document("[{\"key\":\"k\",\"type\":\"string\",\"value\":5}]"),
        "span document field tags[0].value: expected a string, got 5");
    assertRefused(document("[" + tag("k", "int32", "5") + "]"), "span document field"
        + " tags[0].type: expected string, bool, int64, float64 or binary, got \"int32\"");
    assertRefused(document("[" + tag("k", "int64", "1_000") + "]"),
        "span document field tags[0].value: expected a value of type int64, got \"1_000\"");
    assertRefused(document("[" + tag("k", "float64", " 1") + "]"),
        "span document field tags[0].value: expected a value of type float64, got \" 1\"");
    assertRefused(document("[" + tag("k", "binary", "abc") + "]"),
        "span document field tags[0].value: expected a value of type binary, got \"abc\"");
    assertRefused("{\"traceID\":\"\",\"spanID\":\"1\"}",
        "span document field traceID: expected 1 to 32 hex digits, got \"\"");
    assertRefused("{\"traceID\":\"" + "1".repeat(33) + "\",\"spanID\":\"1\"}",
        "span document field traceID: expected 1 to 32 hex digits, got \"" + "1".repeat(33)
            + "\"");
    assertRefused("{\"traceID\":\"1\",\"spanID\":\"xyz\"}",
        "span document field spanID: expected 1 to 16 hex digits, got \"xyz\"");
    assertRefused("{\"traceID\":\"1\",\"spanID\":\"1\",\"references\":[{\"refType\":\"PARENT\","
        + "\"traceID\":\"1\",\"spanID\":\"2\"}]}", "span document field references[0].refType:"
        + " expected CHILD_OF or FOLLOWS_FROM, got \"PARENT\"");
    assertRefused("{\"traceID\":\"1\",\"spanID\":\"1\",\"startTime\":-5}", "span document field"
        + " startTime: expected microseconds since the epoch (a whole number), got -5");
    assertRefused("{\"traceID\":\"1\",\"spanID\":\"1\",\"tag\":{\"k\":[1]}}",
        "span document field tag.k: expected a string, bool or number, got [1]");
  }

  private void assertRefused(String document, String message) {
    assertThatThrownBy(() -> read(document))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  private JaegerSpan read(String json) throws IOException {
    return reader.read(JSON.readTree(json));
  }

  private static String document(String tags) {
    return "{\"traceID\":\"1\",\"spanID\":\"2\",\"tags\":" + tags + "}";
  }

  private static String tag(String key, String type, String value) {
    return "{\"key\":\"" + key + "\",\"type\":\"" + type + "\",\"value\":\"" + value + "\"}";
  }

  private static JaegerSpan plain() {
    return new JaegerSpan(0x1L, 0x2L, 0x3L, "op", List.of(), START, 1_500_999, List.of(),
        List.of(), new JaegerProcess("svc", List.of()));
  }

  /** A span with every value type, both reference types, process tags and two logs. */
  private static JaegerSpan everyType() {
    List<KeyValue> tags = List.of(KeyValue.string("s", "héllo \"wörld\" ✓"),
        KeyValue.string("empty", ""), KeyValue.bool("t", true), KeyValue.bool("f", false),
        KeyValue.int64("max", Long.MAX_VALUE), KeyValue.int64("min", Long.MIN_VALUE),
        KeyValue.float64("x", 72.5), KeyValue.float64("hundred", 100.0),
        KeyValue.float64("big", 1e21), KeyValue.float64("tiny", 0.00001),
        KeyValue.float64("large", 1.23456789e12), KeyValue.float64("nan", Double.NaN),
        KeyValue.float64("inf", Double.POSITIVE_INFINITY),
        KeyValue.float64("-inf", Double.NEGATIVE_INFINITY),
        KeyValue.binary("bytes", new byte[] {0, 0, 0x30, 0x39}),
        KeyValue.binary("none", new byte[0]), KeyValue.string("span.kind", "client"));
    List<SpanRef> refs = List.of(new SpanRef(SpanRef.RefType.CHILD_OF, 0x5b8efff798038103L,
        0xd269b633813fc60cL, 0xeee19b7ec3c1b174L), new SpanRef(SpanRef.RefType.FOLLOWS_FROM,
        0, 0x00f067aa0ba902b7L, 0x1L));
    List<SpanLog> logs = List.of(new SpanLog(START + 1_000_999, List.of(
        KeyValue.string("event", "cache miss"), KeyValue.int64("attempt", 2))),
        new SpanLog(START + 2_000_000, List.of()));
    JaegerProcess process = new JaegerProcess("oteltrace", List.of(
        KeyValue.string("telemetry.sdk.language", "java"), KeyValue.bool("debug", false)));
    return new JaegerSpan(0x5b8efff798038103L, 0xd269b633813fc60cL, 0xb7ad6b7169203331L,
        "GET /api/users", refs, START, 25_500_999, tags, logs, process);
  }

  private static List<String> golden() throws IOException {
    try (InputStream in = SpanDocumentReaderTest.class
        .getResourceAsStream("/golden/worked-example-bulk.ndjson")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
