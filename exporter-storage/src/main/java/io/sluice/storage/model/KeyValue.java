package io.sluice.storage.model;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.go.GoFloat;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Jaeger tag or log field: a key and one typed value.
 *
 * <p>Only the component matching {@link #type()} is meaningful; the others hold their zero value
 * ({@code ""}, {@code false}, {@code 0}, an empty array). Build instances with the static
 * factories. Strings use the Go string convention of {@link GoStrings}: a byte of invalid UTF-8
 * travels as a lone surrogate so that encoders can reproduce what Go writes.
 *
 * @param key the tag key
 * @param type which value component is set
 * @param stringValue the value when {@code type == STRING}
 * @param boolValue the value when {@code type == BOOL}
 * @param int64Value the value when {@code type == INT64}
 * @param float64Value the value when {@code type == FLOAT64}
 * @param binaryValue the value when {@code type == BINARY}; callers must not mutate it
 */
public record KeyValue(
    String key,
    ValueType type,
    String stringValue,
    boolean boolValue,
    long int64Value,
    double float64Value,
    byte[] binaryValue) {
  private static final byte[] NO_BYTES = new byte[0];

  /** Checks that no component is null. */
  public KeyValue {
    requireNonNull(key, "key");
    requireNonNull(type, "type");
    requireNonNull(stringValue, "stringValue");
    requireNonNull(binaryValue, "binaryValue");
  }

  /** Returns a STRING tag. */
  public static KeyValue string(String key, String value) {
    return new KeyValue(key, ValueType.STRING, value, false, 0, 0, NO_BYTES);
  }

  /** Returns a BOOL tag. */
  public static KeyValue bool(String key, boolean value) {
    return new KeyValue(key, ValueType.BOOL, "", value, 0, 0, NO_BYTES);
  }

  /** Returns an INT64 tag. */
  public static KeyValue int64(String key, long value) {
    return new KeyValue(key, ValueType.INT64, "", false, value, 0, NO_BYTES);
  }

  /** Returns a FLOAT64 tag. */
  public static KeyValue float64(String key, double value) {
    return new KeyValue(key, ValueType.FLOAT64, "", false, 0, value, NO_BYTES);
  }

  /** Returns a BINARY tag; the array is not copied, so the caller must not change it. */
  public static KeyValue binary(String key, byte[] value) {
    return new KeyValue(key, ValueType.BINARY, "", false, 0, 0, value);
  }

  /**
   * Returns the value as Jaeger's {@code KeyValue.AsString()} prints it: the string itself,
   * "true"/"false", decimal, Go {@code %.10g} ({@link GoFloat#format10g}) or lowercase hex.
   */
  public String valueAsString() {
    return switch (type) {
      case STRING -> stringValue;
      case BOOL -> boolValue ? "true" : "false";
      case INT64 -> Long.toString(int64Value);
      case FLOAT64 -> GoFloat.format10g(float64Value);
      case BINARY -> HexFormat.of().formatHex(binaryValue);
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyValue other
        && key.equals(other.key)
        && type == other.type
        && stringValue.equals(other.stringValue)
        && boolValue == other.boolValue
        && int64Value == other.int64Value
        && Double.compare(float64Value, other.float64Value) == 0
        && Arrays.equals(binaryValue, other.binaryValue);
  }

  @Override
  public int hashCode() {
    int h = key.hashCode() * 31 + type.hashCode();
    h = h * 31 + stringValue.hashCode();
    h = h * 31 + Long.hashCode(int64Value) + Boolean.hashCode(boolValue);
    h = h * 31 + Double.hashCode(float64Value);
    return h * 31 + Arrays.hashCode(binaryValue);
  }

  @Override
  public String toString() {
    return key + "=" + valueAsString() + " (" + type.lowerName() + ")";
  }
}
