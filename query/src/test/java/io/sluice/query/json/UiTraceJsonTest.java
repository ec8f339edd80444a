package io.sluice.query.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.query.adjust.AdjustableSpan;
import io.sluice.storage.es.JsonBuffer;
import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UiTraceJsonTest {
  private static final long MAX_SAFE = (1L << 53) - 1;

  @Test
  void int64BeyondJavaScriptsSafeRangeIsText() {
    assertThat(value(KeyValue.int64("k", MAX_SAFE))).isEqualTo("9007199254740991");
    assertThat(value(KeyValue.int64("k", MAX_SAFE + 1))).isEqualTo("\"9007199254740992\"");
    assertThat(value(KeyValue.int64("k", -MAX_SAFE))).isEqualTo("-9007199254740991");
    assertThat(value(KeyValue.int64("k", -MAX_SAFE - 1))).isEqualTo("\"-9007199254740992\"");
    assertThat(value(KeyValue.int64("k", Long.MIN_VALUE))).isEqualTo("\"-9223372036854775808\"");
  }

  @Test
  void otherTypesAreTypedJsonValues() {
    assertThat(value(KeyValue.binary("k", new byte[] {0, 1, 2, (byte) 0xff})))
        .isEqualTo("\"AAEC/w==\"");
    assertThat(value(KeyValue.binary("k", new byte[0]))).isEqualTo("\"\"");
    assertThat(value(KeyValue.float64("k", 1.5))).isEqualTo("1.5");
    assertThat(value(KeyValue.float64("k", 1e21))).isEqualTo("1e+21");
    assertThat(value(KeyValue.float64("k", 100.0))).isEqualTo("100");
    assertThat(value(KeyValue.bool("k", true))).isEqualTo("true");
    assertThat(value(KeyValue.string("k", "<a&b>\u2028"))).isEqualTo(
        "\"\\u003ca\\u0026b\\u003e\\u2028\"");
    assertThatThrownBy(() -> value(KeyValue.float64("k", Double.NaN)))
        .hasMessage("json: unsupported value: NaN");
  }

  @Test
  void keyValueListHasKeyTypeValue() {
    JsonBuffer out = new JsonBuffer();
    UiTraceJson.writeKeyValues(out, List.of(KeyValue.int64("n", 7), KeyValue.string("s", "x")));
    assertThat(out.toString()).isEqualTo("[{\"key\":\"n\",\"type\":\"int64\",\"value\":7},"
        + "{\"key\":\"s\",\"type\":\"string\",\"value\":\"x\"}]");
  }

  @Test
  void equalProcessesShareAnIdAndIdsAreListedAsGoSortsMapKeys() {
    List<AdjustableSpan> spans = new ArrayList<>();
    for (int i = 1; i <= 11; i++) {
      spans.add(AdjustableSpan.of(span(i, "svc" + i)));
    }
    spans.add(AdjustableSpan.of(span(12, "svc1")));
    JsonBuffer out = new JsonBuffer();

    UiTraceJson.writeTrace(out, spans);

    String json = out.toString();
    assertThat(json).contains("\"spanID\":\"000000000000000c\",\"operationName\":\"op\","
        + "\"references\":[],\"startTime\":1,\"duration\":18446744073709551615,\"tags\":[],"
        + "\"logs\":[],\"processID\":\"p1\",\"warnings\":null}");
    assertThat(json.substring(json.indexOf("\"processes\":"))).isEqualTo("\"processes\":{"
        + "\"p1\":{\"serviceName\":\"svc1\",\"tags\":[]},"
        + "\"p10\":{\"serviceName\":\"svc10\",\"tags\":[]},"
        + "\"p11\":{\"serviceName\":\"svc11\",\"tags\":[]},"
        + "\"p2\":{\"serviceName\":\"svc2\",\"tags\":[]},"
        + "\"p3\":{\"serviceName\":\"svc3\",\"tags\":[]},"
        + "\"p4\":{\"serviceName\":\"svc4\",\"tags\":[]},"
        + "\"p5\":{\"serviceName\":\"svc5\",\"tags\":[]},"
        + "\"p6\":{\"serviceName\":\"svc6\",\"tags\":[]},"
        + "\"p7\":{\"serviceName\":\"svc7\",\"tags\":[]},"
        + "\"p8\":{\"serviceName\":\"svc8\",\"tags\":[]},"
        + "\"p9\":{\"serviceName\":\"svc9\",\"tags\":[]}},\"warnings\":null}");
  }

  @Test
  void followsFromReferenceAndShortTraceId() {
    JaegerSpan span = new JaegerSpan(0, 0xabc, 1, "op",
        List.of(new SpanRef(SpanRef.RefType.FOLLOWS_FROM, 0, 0xabc, 2)), 1_999, 1_000,
        List.of(), List.of(), new JaegerProcess("s", List.of()));
    JsonBuffer out = new JsonBuffer();

    UiTraceJson.writeTrace(out, List.of(AdjustableSpan.of(span)));

    assertThat(out.toString()).isEqualTo("{\"traceID\":\"0000000000000abc\",\"spans\":["
        + "{\"traceID\":\"0000000000000abc\",\"spanID\":\"0000000000000001\","
        + "\"operationName\":\"op\",\"references\":[{\"refType\":\"FOLLOWS_FROM\","
        + "\"traceID\":\"0000000000000abc\",\"spanID\":\"0000000000000002\"}],"
        + "\"startTime\":1,\"duration\":1,\"tags\":[],\"logs\":[],\"processID\":\"p1\","
        + "\"warnings\":null}],\"processes\":{\"p1\":{\"serviceName\":\"s\",\"tags\":[]}},"
        + "\"warnings\":null}");
  }

  private static JaegerSpan span(long id, String service) {
    // A negative duration, as a sender may give, prints as Go's uint64 conversion does.
    return new JaegerSpan(0, 1, id, "op", List.of(), 1_000, -1_000, List.of(), List.of(),
        new JaegerProcess(service, List.of()));
  }

  private static String value(KeyValue kv) {
    JsonBuffer out = new JsonBuffer();
    UiTraceJson.writeValue(out, kv);
    return out.toString();
  }
}
