package io.sluice.storage.translate;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.HexFormat;

/** Test helpers that build OTLP protobuf values tersely; ids are given as hex. */
public final class Otlp {
  private Otlp() {}

  /** Returns the bytes of a hex id. */
  public static ByteString id(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  /** Returns a string attribute. */
  public static KeyValue str(String key, String value) {
    return attr(key, AnyValue.newBuilder().setStringValue(value).build());
  }

  /** Returns an int attribute. */
  public static KeyValue integer(String key, long value) {
    return attr(key, AnyValue.newBuilder().setIntValue(value).build());
  }

  /** Returns an attribute with any value. */
  public static KeyValue attr(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  /** Returns a string value. */
  public static AnyValue s(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  /** Returns an array value. */
  public static AnyValue array(AnyValue... values) {
    ArrayValue.Builder array = ArrayValue.newBuilder();
    for (AnyValue value : values) {
      array.addValues(value);
    }
    return AnyValue.newBuilder().setArrayValue(array).build();
  }

  /** Returns a map value of alternating keys and values. */
  public static AnyValue map(Object... keysAndValues) {
    KeyValueList.Builder list = KeyValueList.newBuilder();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      list.addValues(attr((String) keysAndValues[i], (AnyValue) keysAndValues[i + 1]));
    }
    return AnyValue.newBuilder().setKvlistValue(list).build();
  }
}
