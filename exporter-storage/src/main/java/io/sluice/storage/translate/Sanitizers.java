package io.sluice.storage.translate;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The two sanitizers Jaeger v2.1.0 runs on OTLP data before translating it (spec §2.1), applied
 * while reading instead of as a copy of the data.
 *
 * <p>Service name: a missing {@code service.name} becomes {@value #MISSING_SERVICE_NAME}, a
 * non-string one {@value #WRONG_TYPE_SERVICE_NAME} and an empty one {@value #EMPTY_SERVICE_NAME}.
 *
 * <p>UTF-8 (resource and span attributes and span names; not scope, event or link data): a
 * string value with invalid UTF-8 becomes a binary value of the same bytes; an attribute whose
 * key is invalid is removed and a binary attribute {@value #INVALID_TAG_KEY} holding
 * {@code key + ":" + value} is put at the end (Jaeger v2.1.0 uses that one key for every bad
 * key, so only one survives: Go keeps a random one, Sluice the last); an invalid span name
 * becomes {@value #INVALID_SPAN_NAME} and its bytes go into a binary attribute of that name. A
 * {@code service.name} with invalid UTF-8 becomes bytes, which the translator reads as "".
 */
public final class Sanitizers {
  /** The service name used when the resource has no {@code service.name}. */
  public static final String MISSING_SERVICE_NAME = "missing-service-name";
  /** The service name used when {@code service.name} is not a string. */
  public static final String WRONG_TYPE_SERVICE_NAME = "service-name-wrong-type";
  /** The service name used when {@code service.name} is an empty string. */
  public static final String EMPTY_SERVICE_NAME = "empty-service-name";
  /** The operation name, and attribute key, used for a span name that is not UTF-8. */
  public static final String INVALID_SPAN_NAME = "invalid-span-name";
  /** The attribute key that replaces a key that is not UTF-8. */
  public static final String INVALID_TAG_KEY = "invalid-tag-key";
  /** The resource attribute that names the service. */
  public static final String SERVICE_NAME_KEY = "service.name";

  private Sanitizers() {}

  /** Returns the process service name of a resource after both sanitizers and translation. */
  public static String serviceName(Resource resource) {
    for (KeyValue attribute : resource.getAttributesList()) {
      if (attribute.getKey().equals(SERVICE_NAME_KEY)) {
        return serviceName(attribute.getValue());
      }
    }
    return MISSING_SERVICE_NAME;
  }

  private static String serviceName(AnyValue value) {
    if (value.getValueCase() != AnyValue.ValueCase.STRING_VALUE) {
      return WRONG_TYPE_SERVICE_NAME;
    }
    String name = value.getStringValue();
    if (name.isEmpty()) {
      return EMPTY_SERVICE_NAME;
    }
    return ProtoStrings.isValid(name, value.getStringValueBytes()) ? name : "";
  }

  /** Returns the span name, or {@value #INVALID_SPAN_NAME} when it is not valid UTF-8. */
  public static String spanName(Span span) {
    return isSpanNameValid(span) ? span.getName() : INVALID_SPAN_NAME;
  }

  /** Returns true when the span name is valid UTF-8. */
  public static boolean isSpanNameValid(Span span) {
    return ProtoStrings.isValid(span.getName(), span.getNameBytes());
  }

  /**
   * Appends the tags of sanitized attributes, in OTLP order, skipping keys equal to
   * {@code skipKey}; an {@value #INVALID_SPAN_NAME} attribute holding {@code invalidSpanName}
   * is put first (when given) and the {@value #INVALID_TAG_KEY} attribute last.
   */
  public static void appendSanitized(
      List<io.sluice.storage.model.KeyValue> out,
      List<KeyValue> attributes,
      @Nullable String skipKey,
      @Nullable byte[] invalidSpanName) {
    int from = out.size();
    byte[] invalidKey = null;
    for (KeyValue attribute : attributes) {
      if (!ProtoStrings.isValid(attribute.getKey(), attribute.getKeyBytes())) {
        invalidKey = invalidKeyBytes(attribute);
      } else if (!attribute.getKey().equals(skipKey)) {
        out.add(sanitizedTag(attribute.getKey(), attribute.getValue()));
      }
    }
    if (invalidSpanName != null) {
      put(out, from, io.sluice.storage.model.KeyValue.binary(INVALID_SPAN_NAME, invalidSpanName));
    }
    if (invalidKey != null) {
      put(out, from, io.sluice.storage.model.KeyValue.binary(INVALID_TAG_KEY, invalidKey));
    }
  }

  private static io.sluice.storage.model.KeyValue sanitizedTag(String key, AnyValue value) {
    if (value.getValueCase() == AnyValue.ValueCase.STRING_VALUE
        && !ProtoStrings.isValid(value.getStringValue(), value.getStringValueBytes())) {
      return io.sluice.storage.model.KeyValue.binary(
          key, value.getStringValueBytes().toByteArray());
    }
    return AttributeValues.toTag(key, value);
  }

  private static byte[] invalidKeyBytes(KeyValue attribute) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(attribute.getKeyBytes().toByteArray());
    out.write(':');
    AnyValue value = attribute.getValue();
    switch (value.getValueCase()) {
      case STRING_VALUE -> out.writeBytes(value.getStringValueBytes().toByteArray());
      case BYTES_VALUE -> out.writeBytes(value.getBytesValue().toByteArray());
      default -> {
        // Go's Value.Str() is "" for every other type.
      }
    }
    return out.toByteArray();
  }

  /** Replaces the first tag with the same key at or after {@code from}, or appends. */
  private static void put(
      List<io.sluice.storage.model.KeyValue> out,
      int from,
      io.sluice.storage.model.KeyValue tag) {
    for (int i = from; i < out.size(); i++) {
      if (out.get(i).key().equals(tag.key())) {
        out.set(i, tag);
        return;
      }
    }
    out.add(tag);
  }
}
