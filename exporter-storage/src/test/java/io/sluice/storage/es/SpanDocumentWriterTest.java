package io.sluice.storage.es;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanLog;
import io.sluice.storage.model.SpanRef;
import io.sluice.storage.model.SpanRef.RefType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpanDocumentWriterTest {
  private static JaegerSpan span(List<KeyValue> tags, List<SpanLog> logs, long durationNanos) {
    return new JaegerSpan(0, 42, 7, "op <1>", List.of(new SpanRef(RefType.FOLLOWS_FROM, 1, 2, 3)),
        1_734_429_600_123_456_789L, durationNanos, tags, logs,
        new JaegerProcess("svc", List.of(KeyValue.string("host.name", "h1"))));
  }

  @Test
  void writesEveryValueTypeAsAString() {
    JaegerSpan span = span(List.of(KeyValue.string("s", "x"), KeyValue.bool("b", false),
        KeyValue.int64("i", -7), KeyValue.float64("f", 1e21),
        KeyValue.binary("bin", new byte[] {0, 0, 0x30, 0x39})), List.of(), 2_999);

    assertThat(new SpanDocumentWriter().toJson(span)).isEqualTo("{\"traceID\":\"000000000000002a\","
        + "\"spanID\":\"0000000000000007\",\"operationName\":\"op \\u003c1\\u003e\","
        + "\"references\":[{\"refType\":\"FOLLOWS_FROM\",\"traceID\":"
        + "\"00000000000000010000000000000002\",\"spanID\":\"0000000000000003\"}],"
        + "\"startTime\":1734429600123456,\"startTimeMillis\":1734429600123,\"duration\":2,"
        + "\"tags\":[{\"key\":\"s\",\"type\":\"string\",\"value\":\"x\"},"
        + "{\"key\":\"b\",\"type\":\"bool\",\"value\":\"false\"},"
        + "{\"key\":\"i\",\"type\":\"int64\",\"value\":\"-7\"},"
        + "{\"key\":\"f\",\"type\":\"float64\",\"value\":\"1e+21\"},"
        + "{\"key\":\"bin\",\"type\":\"binary\",\"value\":\"00003039\"}],\"logs\":[],"
        + "\"process\":{\"serviceName\":\"svc\",\"tags\":[{\"key\":\"host.name\","
        + "\"type\":\"string\",\"value\":\"h1\"}]}}");
  }

  @Test
  void emptyEventHasNullFieldsAndNegativeDurationWrapsLikeGo() {
    JaegerSpan span = span(List.of(), List.of(new SpanLog(1_500_999, List.of())), -1_500);

    assertThat(new SpanDocumentWriter().toJson(span))
        .contains("\"duration\":18446744073709551615,\"tags\":[],"
            + "\"logs\":[{\"timestamp\":1500,\"fields\":null}]");
  }

  @Test
  void tagsAsFieldsMovesIncludedNonBinaryTagsWithNativeValues() {
    JaegerSpan span = span(List.of(KeyValue.string("http.route", "/a"), KeyValue.int64("n", 3),
        KeyValue.float64("f", 2.5), KeyValue.float64("nan", Double.NaN),
        KeyValue.binary("bin", new byte[] {1}), KeyValue.bool("b", true),
        KeyValue.string("kept", "x")), List.of(), 0);
    TagsAsFields setting = new TagsAsFields(false,
        Set.of("http.route", "n", "f", "nan", "bin", "b", "host.name"), "@");

    String json = new SpanDocumentWriter(setting).toJson(span);

    assertThat(json).contains("\"tags\":[{\"key\":\"nan\",\"type\":\"float64\",\"value\":\"NaN\"},"
        + "{\"key\":\"bin\",\"type\":\"binary\",\"value\":\"01\"},"
        + "{\"key\":\"kept\",\"type\":\"string\",\"value\":\"x\"}],"
        + "\"tag\":{\"b\":true,\"f\":2.5,\"http@route\":\"/a\",\"n\":3},\"logs\":[]");
    assertThat(json).endsWith("\"process\":{\"serviceName\":\"svc\",\"tags\":[],"
        + "\"tag\":{\"host@name\":\"h1\"}}}");
  }

  @Test
  void tagsAsFieldsAllUsesTheDotReplacement() {
    JaegerSpan span = span(List.of(KeyValue.string("a.b", "1")), List.of(), 0);

    String json = new SpanDocumentWriter(TagsAsFields.of(true, "", "_")).toJson(span);

    assertThat(json).contains("\"tags\":[],\"tag\":{\"a_b\":\"1\"}");
    assertThat(json).contains("\"tags\":[],\"tag\":{\"host_name\":\"h1\"}");
  }

  @Test
  void tagsAsFieldsDefaultsAreOff() {
    assertThat(TagsAsFields.disabled()).isEqualTo(new TagsAsFields(false, Set.of(), "@"));
    assertThat(TagsAsFields.of(false, "a,b,", "").include()).containsExactlyInAnyOrder("a", "b");
    assertThat(TagsAsFields.of(false, "", "").dotReplacement()).isEqualTo("@");
  }
}
