package io.sluice.storage.translate;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.sluice.storage.model.KeyValue;

/** Maps OTLP attribute values to Jaeger tag values (spec §2.7). */
final class AttributeValues {
  private AttributeValues() {}

  /**
   * Returns the tag for one attribute: strings, bools, ints, doubles and bytes keep their type;
   * arrays and maps become a STRING holding pdata's JSON text; an unset value an empty STRING.
   */
  static KeyValue toTag(String key, AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> KeyValue.string(
          key, ProtoStrings.read(value.getStringValue(), value.getStringValueBytes()));
      case BOOL_VALUE -> KeyValue.bool(key, value.getBoolValue());
      case INT_VALUE -> KeyValue.int64(key, value.getIntValue());
      case DOUBLE_VALUE -> KeyValue.float64(key, value.getDoubleValue());
      case BYTES_VALUE -> KeyValue.binary(key, value.getBytesValue().toByteArray());
      case ARRAY_VALUE, KVLIST_VALUE -> KeyValue.string(key, PdataJson.asString(value));
      default -> KeyValue.string(key, "");
    };
  }

  /** Returns the tag for an OTLP key-value pair without sanitizing it. */
  static KeyValue toTag(io.opentelemetry.proto.common.v1.KeyValue attribute) {
    return toTag(
        ProtoStrings.read(attribute.getKey(), attribute.getKeyBytes()), attribute.getValue());
  }
}
