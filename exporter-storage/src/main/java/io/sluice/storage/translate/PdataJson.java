package io.sluice.storage.translate;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.sluice.pipeline.go.GoFloat;
import io.sluice.pipeline.go.GoJson;
import io.sluice.storage.model.GoStrings;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders an OTLP array or map value as pdata's {@code Value.AsString()} does: Go's
 * {@code json.Marshal} of {@code AsRaw()}.
 *
 * <p>That means compact JSON; map keys sorted by their UTF-8 bytes, a repeated key keeping its
 * last value; strings escaped like Go by {@link GoJson} (HTML characters, U+2028/U+2029, invalid
 * bytes as {@code &#92;ufffd}); ints as decimal; doubles in Go's JSON number form by
 * {@link GoFloat#formatJson} (shortest round-trip, {@code 1e+21}, {@code 1e-7}); bytes as
 * standard base64, or {@code null} when empty (Go's {@code AsRaw} yields a nil slice); an unset
 * value as {@code null}. A NaN or infinite double anywhere makes Go's encoder fail and
 * {@code AsString} return "", and so does this.
 */
final class PdataJson {
  private static final Comparator<String> UTF8_ORDER = PdataJson::compareGoBytes;

  private PdataJson() {}

  /** Returns the JSON text of an array or map value, or "" when Go's encoder would fail. */
  static String asString(AnyValue value) {
    StringBuilder out = new StringBuilder(64);
    try {
      appendValue(out, value);
    } catch (IllegalArgumentException unsupportedFloat) {
      return "";
    }
    return out.toString();
  }

  private static void appendValue(StringBuilder out, AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE -> GoJson.appendString(
          out, ProtoStrings.read(value.getStringValue(), value.getStringValueBytes()));
      case BOOL_VALUE -> out.append(value.getBoolValue());
      case INT_VALUE -> out.append(value.getIntValue());
      case DOUBLE_VALUE -> out.append(GoFloat.formatJson(value.getDoubleValue()));
      case BYTES_VALUE -> appendBytes(out, value.getBytesValue().toByteArray());
      case ARRAY_VALUE -> appendArray(out, value.getArrayValue().getValuesList());
      case KVLIST_VALUE -> appendMap(out, value.getKvlistValue().getValuesList());
      default -> out.append("null");
    }
  }

  private static void appendBytes(StringBuilder out, byte[] bytes) {
    if (bytes.length == 0) {
      out.append("null");
      return;
    }
    out.append('"').append(Base64.getEncoder().encodeToString(bytes)).append('"');
  }

  private static void appendArray(StringBuilder out, List<AnyValue> values) {
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      appendValue(out, values.get(i));
    }
    out.append(']');
  }

  private static void appendMap(StringBuilder out, List<KeyValue> entries) {
    Map<String, AnyValue> sorted = new TreeMap<>(UTF8_ORDER);
    for (KeyValue entry : entries) {
      sorted.put(ProtoStrings.read(entry.getKey(), entry.getKeyBytes()), entry.getValue());
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, AnyValue> entry : sorted.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      GoJson.appendString(out, entry.getKey());
      out.append(':');
      appendValue(out, entry.getValue());
    }
    out.append('}');
  }

  /** Orders keys by their Go bytes, as Go's encoder sorts map keys. */
  private static int compareGoBytes(String a, String b) {
    return Arrays.compareUnsigned(GoStrings.toGoBytes(a), GoStrings.toGoBytes(b));
  }
}
