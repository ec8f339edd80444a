package io.sluice.storage.es;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.pipeline.go.GoStrconv;
import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanLog;
import io.sluice.storage.model.SpanRef;
import io.sluice.storage.read.TraceId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a span document ({@code _source}) back into a {@link JaegerSpan}, as Jaeger v2.1.0's
 * {@code dbmodel.ToDomain} does (spec §3.5).
 *
 * <p>Ids may be padded (16 or 32 hex digits) or legacy unpadded; a legacy {@code parentSpanID}
 * becomes a leading {@code CHILD_OF} reference unless a reference already names it. Times go
 * from microseconds to nanoseconds. Tag values are strings parsed by their {@code type}
 * ({@code binary} is hex); the {@code tag} and {@code process.tag} objects of tags-as-fields
 * come after the nested tags, in document order, with {@code dotReplacement} turned back into
 * {@code .}, integers as int64 and other numbers as float64. {@code flags} is dropped: spans
 * from OTLP never carry it. A missing or malformed id, a tag value that is not a string, or an
 * unknown type or reference type fails the document with an {@link IllegalArgumentException}
 * naming the field and the value, as Jaeger fails the read. Thread-safe.
 */
public final class SpanDocumentReader {
  private static final Set<String> VALUE_TYPES =
      Set.of("string", "bool", "int64", "float64", "binary");

  private final String dotReplacement;

  /** Returns a reader that turns {@code dotReplacement} in tag-field names back into dots. */
  public SpanDocumentReader(String dotReplacement) {
    requireNonNull(dotReplacement, "dotReplacement");
    this.dotReplacement =
        dotReplacement.isEmpty() ? TagsAsFields.DEFAULT_DOT_REPLACEMENT : dotReplacement;
  }

  /** Returns the span the document holds; throws naming the field when it is malformed. */
  public JaegerSpan read(JsonNode source) {
    TraceId traceId = traceId(source.path("traceID"), "traceID");
    long spanId = spanId(source.path("spanID"), "spanID");
    List<SpanRef> refs = withParent(traceId, source.path("parentSpanID"),
        references(source.path("references")));
    List<KeyValue> tags = keyValues(source.path("tags"), "tags");
    tags.addAll(tagFields(source.path("tag"), "tag"));
    return new JaegerSpan(traceId.high(), traceId.low(), spanId,
        text(source.path("operationName"), "operationName"), List.copyOf(refs),
        micros(source.path("startTime"), "startTime"),
        micros(source.path("duration"), "duration"), List.copyOf(tags),
        logs(source.path("logs")), process(source.path("process")));
  }

  private JaegerProcess process(JsonNode process) {
    List<KeyValue> tags = keyValues(process.path("tags"), "process.tags");
    tags.addAll(tagFields(process.path("tag"), "process.tag"));
    return new JaegerProcess(
        text(process.path("serviceName"), "process.serviceName"), List.copyOf(tags));
  }

  private static List<SpanRef> references(JsonNode refs) {
    List<SpanRef> out = new ArrayList<>(refs.size());
    for (int i = 0; i < refs.size(); i++) {
      JsonNode ref = refs.get(i);
      String field = "references[" + i + "]";
      TraceId traceId = traceId(ref.path("traceID"), field + ".traceID");
      out.add(new SpanRef(refType(ref.path("refType"), field + ".refType"), traceId.high(),
          traceId.low(), spanId(ref.path("spanID"), field + ".spanID")));
    }
    return out;
  }

  /** Puts a legacy {@code parentSpanID} first as CHILD_OF unless a reference names it. */
  private static List<SpanRef> withParent(TraceId traceId, JsonNode parent, List<SpanRef> refs) {
    if (parent.isMissingNode() || parent.isNull() || parent.asText().isEmpty()) {
      return refs;
    }
    long parentId = spanId(parent, "parentSpanID");
    boolean named = refs.stream().anyMatch(r -> r.spanId() == parentId
        && r.traceIdHigh() == traceId.high() && r.traceIdLow() == traceId.low());
    if (parentId == 0 || named) {
      return refs;
    }
    List<SpanRef> out = new ArrayList<>(refs.size() + 1);
    out.add(new SpanRef(SpanRef.RefType.CHILD_OF, traceId.high(), traceId.low(), parentId));
    out.addAll(refs);
    return out;
  }

  private static List<SpanLog> logs(JsonNode logs) {
    List<SpanLog> out = new ArrayList<>(logs.size());
    for (int i = 0; i < logs.size(); i++) {
      JsonNode log = logs.get(i);
      String field = "logs[" + i + "]";
      out.add(new SpanLog(micros(log.path("timestamp"), field + ".timestamp"),
          List.copyOf(keyValues(log.path("fields"), field + ".fields"))));
    }
    return List.copyOf(out);
  }

  /** Returns a mutable list of the nested key-values; empty for a missing or null array. */
  private static List<KeyValue> keyValues(JsonNode array, String field) {
    List<KeyValue> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(keyValue(array.get(i), field + "[" + i + "]"));
    }
    return out;
  }

  private static KeyValue keyValue(JsonNode kv, String field) {
    String key = kv.path("key").asText();
    JsonNode value = kv.path("value");
    if (!value.isTextual()) {
      throw malformed(field + ".value", value, "a string");
    }
    String type = kv.path("type").asText();
    if (!VALUE_TYPES.contains(type)) {
      throw malformed(field + ".type", kv.path("type"), "string, bool, int64, float64 or binary");
    }
    try {
      return typed(key, type, value.asText());
    } catch (IllegalArgumentException e) {
      throw malformed(field + ".value", value, "a value of type " + type);
    }
  }

  private static KeyValue typed(String key, String type, String text) {
    return switch (type) {
      case "bool" -> KeyValue.bool(key, GoStrconv.parseBool(text));
      case "int64" -> KeyValue.int64(key, GoStrconv.parseInt(text, 64));
      case "float64" -> KeyValue.float64(key, GoStrconv.parseFloat(text));
      case "binary" -> KeyValue.binary(key, HexFormat.of().parseHex(text));
      default -> KeyValue.string(key, text);
    };
  }

  /** Returns the tags of a tags-as-fields object, keys restored, in document order. */
  private List<KeyValue> tagFields(JsonNode object, String field) {
    List<KeyValue> out = new ArrayList<>(object.size());
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      String key = entry.getKey().replace(dotReplacement, ".");
      out.add(tagField(key, entry.getValue(), field + "." + entry.getKey()));
    }
    return out;
  }

  private static KeyValue tagField(String key, JsonNode value, String field) {
    if (value.isTextual()) {
      return KeyValue.string(key, value.asText());
    }
    if (value.isBoolean()) {
      return KeyValue.bool(key, value.asBoolean());
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return KeyValue.int64(key, value.asLong());
    }
    if (value.isNumber()) {
      return KeyValue.float64(key, value.asDouble());
    }
    throw malformed(field, value, "a string, bool or number");
  }

  private static SpanRef.RefType refType(JsonNode node, String field) {
    return switch (node.asText()) {
      case "CHILD_OF" -> SpanRef.RefType.CHILD_OF;
      case "FOLLOWS_FROM" -> SpanRef.RefType.FOLLOWS_FROM;
      default -> throw malformed(field, node, "CHILD_OF or FOLLOWS_FROM");
    };
  }

  /** Parses a trace id in any of the forms {@link TraceId#parse} accepts. */
  private static TraceId traceId(JsonNode node, String field) {
    try {
      return TraceId.parse(node.isTextual() ? node.asText() : "");
    } catch (IllegalArgumentException e) {
      throw malformed(field, node, "1 to 32 hex digits");
    }
  }

  private static long spanId(JsonNode node, String field) {
    try {
      return GoStrconv.parseHex(node.isTextual() ? node.asText() : "");
    } catch (IllegalArgumentException e) {
      throw malformed(field, node, "1 to 16 hex digits");
    }
  }

  /** Returns a non-negative whole number of microseconds in nanoseconds; 0 when missing. */
  private static long micros(JsonNode node, String field) {
    if (node.isMissingNode()) {
      return 0;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0
        || node.asLong() > Long.MAX_VALUE / 1000) {
      throw malformed(field, node, "microseconds since the epoch (a whole number)");
    }
    return node.asLong() * 1000;
  }

  private static String text(JsonNode node, String field) {
    if (node.isMissingNode() || node.isNull()) {
      return "";
    }
    if (!node.isTextual()) {
      throw malformed(field, node, "a string");
    }
    return node.asText();
  }

  private static IllegalArgumentException malformed(String field, JsonNode value, String want) {
    String got = value.isMissingNode() ? "nothing" : value.toString();
    if (got.length() > 80) {
      got = got.substring(0, 80) + "...";
    }
    return new IllegalArgumentException(
        "span document field " + field + ": expected " + want + ", got " + got);
  }
}
