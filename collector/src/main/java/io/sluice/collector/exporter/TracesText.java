package io.sluice.collector.exporter;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.sluice.pipeline.Traces;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders traces as the collector's {@code debug} exporter writes them: one line per span at
 * {@code normal}, every field at {@code detailed}. Text ends without a trailing newline.
 */
final class TracesText {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String ATTRIBUTE_PREFIX = "     ->";

  private TracesText() {}

  /** Returns one line per span: name, trace id, span id and {@code key=value} attributes. */
  static String normal(Traces traces) {
    StringBuilder out = new StringBuilder();
    for (ResourceSpans rs : traces.resourceSpans()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          normalLine(span, out);
        }
      }
    }
    return trimEnd(out);
  }

  /** Returns every resource, scope, span, event and link field, one per line. */
  static String detailed(Traces traces) {
    StringBuilder out = new StringBuilder();
    List<ResourceSpans> all = traces.resourceSpans();
    for (int i = 0; i < all.size(); i++) {
      ResourceSpans rs = all.get(i);
      line(out, "ResourceSpans #" + i);
      line(out, "Resource SchemaURL: " + rs.getSchemaUrl());
      attributes(out, "Resource attributes", rs.getResource().getAttributesList());
      for (int j = 0; j < rs.getScopeSpansCount(); j++) {
        scopeSpans(out, j, rs.getScopeSpans(j));
      }
    }
    return trimEnd(out);
  }

  private static void normalLine(Span span, StringBuilder out) {
    out.append(span.getName()).append(' ').append(id(span.getTraceId()))
        .append(' ').append(id(span.getSpanId()));
    for (KeyValue kv : span.getAttributesList()) {
      out.append(' ').append(kv.getKey()).append('=').append(asString(kv.getValue()));
    }
    out.append('\n');
  }

  private static void scopeSpans(StringBuilder out, int index, ScopeSpans ss) {
    line(out, "ScopeSpans #" + index);
    line(out, "ScopeSpans SchemaURL: " + ss.getSchemaUrl());
    InstrumentationScope scope = ss.getScope();
    line(out, "InstrumentationScope " + scope.getName() + " " + scope.getVersion());
    attributes(out, "InstrumentationScope attributes", scope.getAttributesList());
    for (int k = 0; k < ss.getSpansCount(); k++) {
      span(out, k, ss.getSpans(k));
    }
  }

  private static void span(StringBuilder out, int index, Span span) {
    line(out, "Span #" + index);
    field(out, "Trace ID", id(span.getTraceId()));
    field(out, "Parent ID", id(span.getParentSpanId()));
    field(out, "ID", id(span.getSpanId()));
    field(out, "Name", span.getName());
    field(out, "Kind", kind(span.getKind()));
    if (!span.getTraceState().isEmpty()) {
      field(out, "TraceState", span.getTraceState());
    }
    field(out, "Start time", timestamp(span.getStartTimeUnixNano()));
    field(out, "End time", timestamp(span.getEndTimeUnixNano()));
    field(out, "Status code", statusCode(span.getStatus().getCode()));
    field(out, "Status message", span.getStatus().getMessage());
    attributes(out, "Attributes", span.getAttributesList());
    events(out, span.getEventsList());
    links(out, span.getLinksList());
  }

  private static void events(StringBuilder out, List<Span.Event> events) {
    if (events.isEmpty()) {
      return;
    }
    line(out, "Events:");
    for (int i = 0; i < events.size(); i++) {
      Span.Event e = events.get(i);
      line(out, "SpanEvent #" + i);
      line(out, ATTRIBUTE_PREFIX + " Name: " + e.getName());
      line(out, ATTRIBUTE_PREFIX + " Timestamp: " + timestamp(e.getTimeUnixNano()));
      line(out, ATTRIBUTE_PREFIX + " DroppedAttributesCount: " + e.getDroppedAttributesCount());
      attributes(out, ATTRIBUTE_PREFIX + " Attributes:", e.getAttributesList());
    }
  }

  private static void links(StringBuilder out, List<Span.Link> links) {
    if (links.isEmpty()) {
      return;
    }
    line(out, "Links:");
    for (int i = 0; i < links.size(); i++) {
      Span.Link l = links.get(i);
      line(out, "SpanLink #" + i);
      line(out, ATTRIBUTE_PREFIX + " Trace ID: " + id(l.getTraceId()));
      line(out, ATTRIBUTE_PREFIX + " ID: " + id(l.getSpanId()));
      line(out, ATTRIBUTE_PREFIX + " TraceState: " + l.getTraceState());
      line(out, ATTRIBUTE_PREFIX + " DroppedAttributesCount: " + l.getDroppedAttributesCount());
      attributes(out, ATTRIBUTE_PREFIX + " Attributes:", l.getAttributesList());
    }
  }

  /** Writes {@code header:} and one line per attribute, nested one step under an arrow header. */
  private static void attributes(StringBuilder out, String header, List<KeyValue> attributes) {
    if (attributes.isEmpty()) {
      return;
    }
    line(out, header + ":");
    int arrow = header.indexOf("->");
    String prefix = (arrow >= 0 ? header.substring(0, arrow) : "") + ATTRIBUTE_PREFIX;
    for (KeyValue kv : attributes) {
      line(out, prefix + " " + kv.getKey() + ": " + typed(kv.getValue()));
    }
  }

  private static void field(StringBuilder out, String name, String value) {
    line(out, String.format("    %-15s: %s", name, value));
  }

  private static void line(StringBuilder out, String text) {
    out.append(text).append('\n');
  }

  private static String trimEnd(StringBuilder out) {
    int end = out.length();
    return end > 0 && out.charAt(end - 1) == '\n' ? out.substring(0, end - 1) : out.toString();
  }

  /** Returns an id in lowercase hex; an all-zero or empty id is empty, as pdata prints it. */
  static String id(ByteString bytes) {
    for (int i = 0; i < bytes.size(); i++) {
      if (bytes.byteAt(i) != 0) {
        return HexFormat.of().formatHex(bytes.toByteArray());
      }
    }
    return "";
  }

  /** Returns a Unix-nanosecond time as Go prints a UTC {@code time.Time}. */
  static String timestamp(long unixNanos) {
    Instant t = Instant.ofEpochSecond(
        Long.divideUnsigned(unixNanos, 1_000_000_000L),
        Long.remainderUnsigned(unixNanos, 1_000_000_000L));
    StringBuilder out = new StringBuilder(SECONDS.format(t));
    if (t.getNano() != 0) {
      String fraction = String.format("%09d", t.getNano()).replaceAll("0+$", "");
      out.append('.').append(fraction);
    }
    return out.append(" +0000 UTC").toString();
  }

  private static String kind(Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_INTERNAL -> "Internal";
      case SPAN_KIND_SERVER -> "Server";
      case SPAN_KIND_CLIENT -> "Client";
      case SPAN_KIND_PRODUCER -> "Producer";
      case SPAN_KIND_CONSUMER -> "Consumer";
      default -> "Unspecified";
    };
  }

  private static String statusCode(Status.StatusCode code) {
    return switch (code) {
      case STATUS_CODE_OK -> "Ok";
      case STATUS_CODE_ERROR -> "Error";
      default -> "Unset";
    };
  }

  /** Returns a value as {@code Type(text)}, e.g. {@code Str(GET)} or {@code Int(200)}. */
  static String typed(AnyValue v) {
    return typeName(v) + "(" + asString(v) + ")";
  }

  private static String typeName(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> "Str";
      case BOOL_VALUE -> "Bool";
      case INT_VALUE -> "Int";
      case DOUBLE_VALUE -> "Double";
      case KVLIST_VALUE -> "Map";
      case ARRAY_VALUE -> "Slice";
      case BYTES_VALUE -> "Bytes";
      default -> "Empty";
    };
  }

  /** Returns a value as pdata's {@code AsString}: maps and slices as JSON, bytes as base64. */
  static String asString(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case INT_VALUE -> Long.toString(v.getIntValue());
      case DOUBLE_VALUE -> formatDouble(v.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
      case KVLIST_VALUE, ARRAY_VALUE -> json(v, new StringBuilder()).toString();
      default -> "";
    };
  }

  /** Returns a double as Go's {@code FormatFloat(f, 'f', -1, 64)}: shortest, never exponent. */
  static String formatDouble(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }

  private static StringBuilder json(AnyValue v, StringBuilder out) {
    switch (v.getValueCase()) {
      case STRING_VALUE -> quote(v.getStringValue(), out);
      case BYTES_VALUE, DOUBLE_VALUE, INT_VALUE, BOOL_VALUE -> jsonScalar(v, out);
      case KVLIST_VALUE -> jsonObject(v.getKvlistValue().getValuesList(), out);
      case ARRAY_VALUE -> jsonArray(v.getArrayValue().getValuesList(), out);
      default -> out.append("null");
    }
    return out;
  }

  private static void jsonScalar(AnyValue v, StringBuilder out) {
    if (v.hasBytesValue()) {
      quote(asString(v), out);
    } else {
      out.append(asString(v));
    }
  }

  // Go's encoding/json writes map keys sorted.
  private static void jsonObject(List<KeyValue> values, StringBuilder out) {
    Map<String, AnyValue> sorted = new TreeMap<>();
    values.forEach(kv -> sorted.put(kv.getKey(), kv.getValue()));
    out.append('{');
    String sep = "";
    for (Map.Entry<String, AnyValue> e : sorted.entrySet()) {
      out.append(sep);
      quote(e.getKey(), out).append(':');
      json(e.getValue(), out);
      sep = ",";
    }
    out.append('}');
  }

  private static void jsonArray(List<AnyValue> values, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      json(values.get(i), out.append(i == 0 ? "" : ","));
    }
    out.append(']');
  }

  private static StringBuilder quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }
}
