package io.sluice.receiver.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.ToIntFunction;

/**
 * Reads an OTLP/JSON {@code ExportTraceServiceRequest} into its protobuf form, streaming over
 * Jackson's parser (spec/collector-runtime.md §3.5).
 *
 * <p>It accepts what the collector accepts: lowerCamelCase and snake_case field names, trace
 * and span ids as hex strings of either case ({@code ""} is the empty id), enums as numbers or
 * names, 64-bit integers as numbers or decimal strings, base64 {@code bytesValue}. Unknown
 * fields are skipped, {@code null} values read as absent, and a {@code null} body is a request
 * with no spans. Protobuf's {@code JsonFormat} cannot read hex ids, hence this class.
 *
 * <p>Stricter than the collector in two places, both refused whole: a body that is not UTF-8
 * (Jackson alone would let overlong forms through), and anything after the top-level object (a
 * second request pasted on would otherwise be dropped without a word). Error messages quote at
 * most {@value #MAX_ECHOED_CHARS} characters of a bad value.
 *
 * <p>Attribute values nested deeper than {@value #MAX_ANY_VALUE_DEPTH} levels are refused, so
 * a hostile body cannot overflow the stack; the protobuf parser's recursion limit of 100 messages
 * allows about 47 such levels.
 */
public final class OtlpJsonDecoder {
  /** The deepest nesting of attribute values ({@code arrayValue}, {@code kvlistValue}) read. */
  public static final int MAX_ANY_VALUE_DEPTH = 32;

  /** The most of a bad value an error message repeats. */
  private static final int MAX_ECHOED_CHARS = 64;

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final HexFormat HEX = HexFormat.of();

  private final JsonParser parser;

  private OtlpJsonDecoder(JsonParser parser) {
    this.parser = parser;
  }

  /**
   * Decodes {@code body}; throws an {@link IOException} whose message names the problem and its
   * line and column when the body is not a valid OTLP/JSON trace request.
   */
  public static ExportTraceServiceRequest decode(byte[] body) throws IOException {
    // Jackson lets overlong forms and encoded surrogates through; protobuf strings refuse them.
    if (!InvalidUtf8.isValid(body)) {
      throw new IOException("invalid UTF-8 at byte " + InvalidUtf8.firstInvalidByte(body)
          + " of the JSON body: OTLP strings must be UTF-8 (the whole request is refused)");
    }
    try (JsonParser parser = FACTORY.createParser(body)) {
      OtlpJsonDecoder decoder = new OtlpJsonDecoder(parser);
      if (parser.nextToken() == null) {
        throw new JsonParseException(parser, "empty body: expected a JSON object");
      }
      ExportTraceServiceRequest request = decoder.request();
      // A second object or stray text means a broken or concatenated body: refuse it whole
      // rather than take the first part and drop the rest without a word.
      if (parser.nextToken() != null) {
        throw decoder.error("unexpected " + decoder.describeToken() + " after the JSON object");
      }
      return request;
    } catch (JsonProcessingException e) {
      throw new IOException(withPlainLocation(e), e);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Returns Jackson's message with its {@code "\n at [Source: ...; line: L, column: C]"} suffix
   * rewritten as {@code " at line L, column C"}: the source part only ever says it is redacted.
   */
  static String withPlainLocation(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String problem = e.getOriginalMessage();
    if (location == null || location.getLineNr() < 1) {
      return problem;
    }
    return problem + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private ExportTraceServiceRequest request() throws IOException {
    ExportTraceServiceRequest.Builder b = ExportTraceServiceRequest.newBuilder();
    readObject(name -> {
      switch (name) {
        case "resourceSpans", "resource_spans" ->
            readArray(() -> b.addResourceSpans(resourceSpans()));
        default -> skip();
      }
    });
    return b.build();
  }

  private ResourceSpans resourceSpans() throws IOException {
    ResourceSpans.Builder b = ResourceSpans.newBuilder();
    readObject(name -> {
      switch (name) {
        case "resource" -> b.setResource(resource());
        case "scopeSpans", "scope_spans" -> readArray(() -> b.addScopeSpans(scopeSpans()));
        case "schemaUrl", "schema_url" -> b.setSchemaUrl(string());
        default -> skip();
      }
    });
    return b.build();
  }

  private Resource resource() throws IOException {
    Resource.Builder b = Resource.newBuilder();
    readObject(name -> {
      switch (name) {
        case "attributes" -> readArray(() -> b.addAttributes(keyValue(0)));
        case "droppedAttributesCount", "dropped_attributes_count" ->
            b.setDroppedAttributesCount(uint32());
        default -> skip();
      }
    });
    return b.build();
  }

  private ScopeSpans scopeSpans() throws IOException {
    ScopeSpans.Builder b = ScopeSpans.newBuilder();
    readObject(name -> {
      switch (name) {
        case "scope" -> b.setScope(scope());
        case "spans" -> readArray(() -> b.addSpans(span()));
        case "schemaUrl", "schema_url" -> b.setSchemaUrl(string());
        default -> skip();
      }
    });
    return b.build();
  }

  private InstrumentationScope scope() throws IOException {
    InstrumentationScope.Builder b = InstrumentationScope.newBuilder();
    readObject(name -> {
      switch (name) {
        case "name" -> b.setName(string());
        case "version" -> b.setVersion(string());
        case "attributes" -> readArray(() -> b.addAttributes(keyValue(0)));
        case "droppedAttributesCount", "dropped_attributes_count" ->
            b.setDroppedAttributesCount(uint32());
        default -> skip();
      }
    });
    return b.build();
  }

  private Span span() throws IOException {
    Span.Builder b = Span.newBuilder();
    readObject(name -> {
      switch (name) {
        case "traceId", "trace_id" -> b.setTraceId(id(OtlpIds.TRACE_ID_BYTES));
        case "spanId", "span_id" -> b.setSpanId(id(OtlpIds.SPAN_ID_BYTES));
        case "parentSpanId", "parent_span_id" -> b.setParentSpanId(id(OtlpIds.SPAN_ID_BYTES));
        case "traceState", "trace_state" -> b.setTraceState(string());
        case "flags" -> b.setFlags(uint32());
        case "name" -> b.setName(string());
        case "kind" -> b.setKindValue(spanKind());
        case "startTimeUnixNano", "start_time_unix_nano" -> b.setStartTimeUnixNano(uint64());
        case "endTimeUnixNano", "end_time_unix_nano" -> b.setEndTimeUnixNano(uint64());
        case "attributes" -> readArray(() -> b.addAttributes(keyValue(0)));
        case "droppedAttributesCount", "dropped_attributes_count" ->
            b.setDroppedAttributesCount(uint32());
        case "events" -> readArray(() -> b.addEvents(event()));
        case "droppedEventsCount", "dropped_events_count" -> b.setDroppedEventsCount(uint32());
        case "links" -> readArray(() -> b.addLinks(link()));
        case "droppedLinksCount", "dropped_links_count" -> b.setDroppedLinksCount(uint32());
        case "status" -> b.setStatus(status());
        default -> skip();
      }
    });
    return b.build();
  }

  private Span.Event event() throws IOException {
    Span.Event.Builder b = Span.Event.newBuilder();
    readObject(name -> {
      switch (name) {
        case "timeUnixNano", "time_unix_nano" -> b.setTimeUnixNano(uint64());
        case "name" -> b.setName(string());
        case "attributes" -> readArray(() -> b.addAttributes(keyValue(0)));
        case "droppedAttributesCount", "dropped_attributes_count" ->
            b.setDroppedAttributesCount(uint32());
        default -> skip();
      }
    });
    return b.build();
  }

  private Span.Link link() throws IOException {
    Span.Link.Builder b = Span.Link.newBuilder();
    readObject(name -> {
      switch (name) {
        case "traceId", "trace_id" -> b.setTraceId(id(OtlpIds.TRACE_ID_BYTES));
        case "spanId", "span_id" -> b.setSpanId(id(OtlpIds.SPAN_ID_BYTES));
        case "traceState", "trace_state" -> b.setTraceState(string());
        case "attributes" -> readArray(() -> b.addAttributes(keyValue(0)));
        case "droppedAttributesCount", "dropped_attributes_count" ->
            b.setDroppedAttributesCount(uint32());
        case "flags" -> b.setFlags(uint32());
        default -> skip();
      }
    });
    return b.build();
  }

  private Status status() throws IOException {
    Status.Builder b = Status.newBuilder();
    readObject(name -> {
      switch (name) {
        case "message" -> b.setMessage(string());
        case "code" -> b.setCodeValue(statusCode());
        default -> skip();
      }
    });
    return b.build();
  }

  private KeyValue keyValue(int depth) throws IOException {
    KeyValue.Builder b = KeyValue.newBuilder();
    readObject(name -> {
      switch (name) {
        case "key" -> b.setKey(string());
        case "value" -> b.setValue(anyValue(depth + 1));
        default -> skip();
      }
    });
    return b.build();
  }

  private AnyValue anyValue(int depth) throws IOException {
    if (depth > MAX_ANY_VALUE_DEPTH) {
      throw error("attribute value nested deeper than " + MAX_ANY_VALUE_DEPTH + " levels");
    }
    AnyValue.Builder b = AnyValue.newBuilder();
    readObject(name -> {
      switch (name) {
        case "stringValue", "string_value" -> b.setStringValue(string());
        case "boolValue", "bool_value" -> b.setBoolValue(bool());
        case "intValue", "int_value" -> b.setIntValue(int64());
        case "doubleValue", "double_value" -> b.setDoubleValue(float64());
        case "bytesValue", "bytes_value" -> b.setBytesValue(base64());
        case "arrayValue", "array_value" -> b.setArrayValue(arrayValue(depth));
        case "kvlistValue", "kvlist_value" -> b.setKvlistValue(kvlistValue(depth));
        default -> skip();
      }
    });
    return b.build();
  }

  private ArrayValue arrayValue(int depth) throws IOException {
    ArrayValue.Builder b = ArrayValue.newBuilder();
    readObject(name -> {
      if (name.equals("values")) {
        readArray(() -> b.addValues(anyValue(depth + 1)));
      } else {
        skip();
      }
    });
    return b.build();
  }

  private KeyValueList kvlistValue(int depth) throws IOException {
    KeyValueList.Builder b = KeyValueList.newBuilder();
    readObject(name -> {
      if (name.equals("values")) {
        readArray(() -> b.addValues(keyValue(depth)));
      } else {
        skip();
      }
    });
    return b.build();
  }

  private int spanKind() throws IOException {
    return enumValue(text -> Span.SpanKind.valueOf(text).getNumber(), "span kind");
  }

  private int statusCode() throws IOException {
    return enumValue(text -> Status.StatusCode.valueOf(text).getNumber(), "status code");
  }

  private int enumValue(ToIntFunction<String> byName, String what)
      throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      return (int) integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    String text = parser.getText();
    try {
      if (!text.equals("UNRECOGNIZED")) {
        return byName.applyAsInt(text);
      }
    } catch (IllegalArgumentException e) {
      // reported below with the field's meaning
    }
    throw error("unknown " + what + " " + quote(text));
  }

  private ByteString id(int length) throws IOException {
    String hex = string();
    if (hex.isEmpty()) {
      return ByteString.EMPTY;
    }
    if (hex.length() != 2 * length) {
      throw error(OtlpIds.INVALID_LENGTH);
    }
    byte[] bytes;
    try {
      bytes = HEX.parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw error("invalid hex in ID " + quote(hex));
    }
    // pdata keeps an all-zero id as the empty id, and so does Sluice.
    for (byte b : bytes) {
      if (b != 0) {
        return ByteString.copyFrom(bytes);
      }
    }
    return ByteString.EMPTY;
  }

  private String string() throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return "";
    }
    if (token != JsonToken.VALUE_STRING) {
      throw error("expected a string, got " + describeToken());
    }
    return withoutLoneSurrogates(parser.getText());
  }

  /**
   * Returns {@code text} with each half of a surrogate pair that has no other half (from a JSON
   * escape such as "\\ud800") replaced by U+FFFD, as Go's JSON decoder does; protobuf would
   * otherwise encode it as {@code ?}.
   */
  static String withoutLoneSurrogates(String text) {
    int length = text.length();
    StringBuilder out = null;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair || !Character.isSurrogate(c)) {
        if (out != null) {
          out.append(c);
          if (pair) {
            out.append(text.charAt(i + 1));
          }
        }
        i += pair ? 1 : 0;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(length).append(text, 0, i);
      }
      out.append('\uFFFD');
    }
    return out == null ? text : out.toString();
  }

  private boolean bool() throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE, VALUE_NULL -> false;
      default -> throw error("expected true or false, got " + describeToken());
    };
  }

  private long int64() throws IOException {
    return integer(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private int uint32() throws IOException {
    return (int) integer(0, 0xFFFF_FFFFL);
  }

  private long uint64() throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == NumberType.BIG_INTEGER) {
      BigInteger value = parser.getBigIntegerValue();
      if (value.bitLength() > 64) {
        throw error("value " + value + " is out of range for an unsigned 64-bit integer");
      }
      return value.longValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      try {
        return Long.parseUnsignedLong(parser.getText());
      } catch (NumberFormatException e) {
        throw error("expected an unsigned 64-bit integer, got " + quote(parser.getText()));
      }
    }
    return integer(0, Long.MAX_VALUE);
  }

  private long integer(long min, long max) throws IOException {
    long value = switch (parser.currentToken()) {
      case VALUE_NULL -> 0;
      case VALUE_NUMBER_INT -> longNumber();
      case VALUE_STRING -> longString();
      default -> throw error("expected an integer, got " + describeToken());
    };
    if (value < min || value > max) {
      throw error("value " + value + " is out of range [" + min + ", " + max + "]");
    }
    return value;
  }

  private long longNumber() throws IOException {
    if (parser.getNumberType() == NumberType.BIG_INTEGER) {
      throw error("value " + parser.getText() + " is out of range for a 64-bit integer");
    }
    return parser.getLongValue();
  }

  private long longString() throws IOException {
    try {
      return Long.parseLong(parser.getText());
    } catch (NumberFormatException e) {
      throw error("expected an integer, got " + quote(parser.getText()));
    }
  }

  private double float64() throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return parser.getDoubleValue();
    }
    if (token == JsonToken.VALUE_NULL) {
      return 0;
    }
    if (token != JsonToken.VALUE_STRING) {
      throw error("expected a number, got " + describeToken());
    }
    return switch (parser.getText()) {
      case "NaN" -> Double.NaN;
      case "Infinity", "+Infinity", "Inf", "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Infinity", "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> parseDouble(parser.getText());
    };
  }

  private double parseDouble(String text) throws IOException {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw error("expected a number, got " + quote(text));
    }
  }

  private ByteString base64() throws IOException {
    String text = string();
    try {
      return ByteString.copyFrom(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw error("invalid base64 in bytesValue: " + e.getMessage());
    }
  }

  /** Calls {@code field} for each field of the object at the current token; null is empty. */
  private void readObject(FieldReader field) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    if (token != JsonToken.START_OBJECT) {
      throw error("expected an object, got " + describeToken());
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      field.read(name);
    }
  }

  /** Calls {@code element} for each element of the array at the current token; null is empty. */
  private void readArray(ElementReader element) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    if (token != JsonToken.START_ARRAY) {
      throw error("expected an array, got " + describeToken());
    }
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      element.read();
    }
  }

  private void skip() throws IOException {
    parser.skipChildren();
  }

  /** Returns the current token as written, strings quoted so that "true" differs from true. */
  private String describeToken() throws IOException {
    String text = parser.getText();
    return parser.currentToken() == JsonToken.VALUE_STRING ? quote(text) : shorten(text);
  }

  /** Returns {@code text} in quotes, cut so that an error answer never echoes a huge value. */
  private static String quote(String text) {
    return "\"" + shorten(text) + "\"";
  }

  private static String shorten(String text) {
    return text.length() <= MAX_ECHOED_CHARS
        ? text
        : text.substring(0, MAX_ECHOED_CHARS) + "... (" + text.length() + " characters)";
  }

  private JsonParseException error(String problem) {
    return new JsonParseException(parser, problem);
  }

  @FunctionalInterface
  private interface FieldReader {
    void read(String name) throws IOException;
  }

  @FunctionalInterface
  private interface ElementReader {
    void read() throws IOException;
  }
}
