package io.sluice.storage.es;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.go.GoFloat;
import io.sluice.storage.model.GoStrings;
import io.sluice.storage.model.Ids;
import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanLog;
import io.sluice.storage.model.SpanRef;
import io.sluice.storage.model.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the Elasticsearch/OpenSearch span document of Jaeger v2.1.0 (spec §3.1–§3.4),
 * byte for byte as Go's encoder writes {@code dbmodel.Span}.
 *
 * <p>Fields in struct order: {@code traceID, spanID, operationName, references, startTime,
 * startTimeMillis, duration, tags, tag?, logs, process{serviceName, tags, tag?}}. No
 * {@code flags} or {@code parentSpanID}; {@code references}, {@code tags}, {@code logs} and
 * {@code process.tags} are {@code []} when empty; a log's {@code fields} is {@code null} when
 * empty. Times are microseconds, truncated toward zero and printed as Go prints a uint64, so a
 * negative duration becomes a number near 2^64 that Elasticsearch refuses for that one document,
 * as with Jaeger. Tag values are strings ({@link KeyValue#valueAsString()}).
 *
 * <p>With {@link TagsAsFields}, moved tags go into an object with sorted keys (a repeated key
 * keeps its last value) and native JSON values; a NaN or infinite double, which Go's encoder
 * refuses, stays in the nested array instead of failing the document. Stateless apart from its
 * setting, so one instance can serve every thread.
 */
public final class SpanDocumentWriter {
  private final TagsAsFields tagsAsFields;

  /** Returns a writer with tags-as-fields off (the default). */
  public SpanDocumentWriter() {
    this(TagsAsFields.disabled());
  }

  /** Returns a writer that moves tags into fields as {@code tagsAsFields} says. */
  public SpanDocumentWriter(TagsAsFields tagsAsFields) {
    this.tagsAsFields = requireNonNull(tagsAsFields, "tagsAsFields");
  }

  /** Appends the span document to {@code out}, without a trailing newline. */
  public void write(JaegerSpan span, JsonBuffer out) {
    out.writeAscii("{\"traceID\":\"").writeAscii(span.traceIdHex());
    out.writeAscii("\",\"spanID\":\"").writeAscii(span.spanIdHex());
    out.writeAscii("\",\"operationName\":").writeString(span.operationName());
    out.writeAscii(",\"references\":");
    writeReferences(span.references(), out);
    long startMicros = span.startTimeNanos() / 1000;
    out.writeAscii(",\"startTime\":").writeUnsignedLong(startMicros);
    out.writeAscii(",\"startTimeMillis\":")
        .writeUnsignedLong(Long.divideUnsigned(startMicros, 1000));
    out.writeAscii(",\"duration\":").writeUnsignedLong(span.durationNanos() / 1000);
    writeTagsAndFields(span.tags(), out);
    out.writeAscii(",\"logs\":");
    writeLogs(span.logs(), out);
    out.writeAscii(",\"process\":");
    writeProcess(span.process(), out);
    out.writeByte('}');
  }

  /** Returns the span document as a string; for tests and tools, not the hot path. */
  public String toJson(JaegerSpan span) {
    JsonBuffer out = new JsonBuffer(1024);
    write(span, out);
    return out.toString();
  }

  private static void writeReferences(List<SpanRef> references, JsonBuffer out) {
    out.writeByte('[');
    for (int i = 0; i < references.size(); i++) {
      SpanRef ref = references.get(i);
      if (i > 0) {
        out.writeByte(',');
      }
      out.writeAscii("{\"refType\":\"").writeAscii(ref.refType().name());
      out.writeAscii("\",\"traceID\":\"")
          .writeAscii(Ids.traceIdHex(ref.traceIdHigh(), ref.traceIdLow()));
      out.writeAscii("\",\"spanID\":\"").writeAscii(Ids.spanIdHex(ref.spanId()));
      out.writeAscii("\"}");
    }
    out.writeByte(']');
  }

  private void writeProcess(JaegerProcess process, JsonBuffer out) {
    out.writeAscii("{\"serviceName\":").writeString(process.serviceName());
    writeTagsAndFields(process.tags(), out);
    out.writeByte('}');
  }

  /** Writes {@code ,"tags":[...]} and, when some tag moves, {@code ,"tag":{...}}. */
  private void writeTagsAndFields(List<KeyValue> tags, JsonBuffer out) {
    out.writeAscii(",\"tags\":");
    if (!tagsAsFields.enabled()) {
      writeKeyValues(tags, out);
      return;
    }
    List<KeyValue> nested = new ArrayList<>(tags.size());
    Map<byte[], KeyValue> fields = new TreeMap<>(Arrays::compareUnsigned);
    for (KeyValue tag : tags) {
      if (tagsAsFields.moves(tag) && isJsonNumberSafe(tag)) {
        fields.put(GoStrings.toGoBytes(tagsAsFields.fieldName(tag.key())), tag);
      } else {
        nested.add(tag);
      }
    }
    writeKeyValues(nested, out);
    if (!fields.isEmpty()) {
      out.writeAscii(",\"tag\":");
      writeFields(fields, out);
    }
  }

  private void writeFields(Map<byte[], KeyValue> fields, JsonBuffer out) {
    out.writeByte('{');
    boolean first = true;
    for (KeyValue tag : fields.values()) {
      if (!first) {
        out.writeByte(',');
      }
      first = false;
      out.writeString(tagsAsFields.fieldName(tag.key())).writeByte(':');
      writeNativeValue(tag, out);
    }
    out.writeByte('}');
  }

  private static boolean isJsonNumberSafe(KeyValue tag) {
    return tag.type() != ValueType.FLOAT64 || Double.isFinite(tag.float64Value());
  }

  private static void writeNativeValue(KeyValue tag, JsonBuffer out) {
    switch (tag.type()) {
      case BOOL -> out.writeAscii(tag.boolValue() ? "true" : "false");
      case INT64 -> out.writeLong(tag.int64Value());
      case FLOAT64 -> out.writeAscii(GoFloat.formatJson(tag.float64Value()));
      default -> out.writeString(tag.stringValue());
    }
  }

  private static void writeLogs(List<SpanLog> logs, JsonBuffer out) {
    out.writeByte('[');
    for (int i = 0; i < logs.size(); i++) {
      SpanLog log = logs.get(i);
      if (i > 0) {
        out.writeByte(',');
      }
      out.writeAscii("{\"timestamp\":").writeUnsignedLong(log.timestampNanos() / 1000);
      out.writeAscii(",\"fields\":");
      if (log.fields().isEmpty()) {
        out.writeAscii("null");
      } else {
        writeKeyValues(log.fields(), out);
      }
      out.writeByte('}');
    }
    out.writeByte(']');
  }

  private static void writeKeyValues(List<KeyValue> keyValues, JsonBuffer out) {
    out.writeByte('[');
    for (int i = 0; i < keyValues.size(); i++) {
      KeyValue kv = keyValues.get(i);
      if (i > 0) {
        out.writeByte(',');
      }
      out.writeAscii("{\"key\":").writeString(kv.key());
      out.writeAscii(",\"type\":\"").writeAscii(kv.type().lowerName());
      out.writeAscii("\",\"value\":");
      if (kv.type() == ValueType.STRING) {
        out.writeString(kv.stringValue());
      } else {
        out.writeString(kv.valueAsString());
      }
      out.writeByte('}');
    }
    out.writeByte(']');
  }
}
