package io.sluice.query.json;

import io.sluice.pipeline.go.GoFloat;
import io.sluice.query.adjust.AdjustableSpan;
import io.sluice.storage.es.JsonBuffer;
import io.sluice.storage.model.Ids;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanLog;
import io.sluice.storage.model.SpanRef;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes traces in the Jaeger UI's JSON model, byte for byte as Jaeger v2.1.0's
 * {@code model/converter/json} and Go's {@code encoding/json} produce it (spec
 * jaeger-storage-query.md §7.3), straight into a byte buffer with no intermediate tree.
 *
 * <p>Values are typed: int64 values beyond ±(2^53−1) become strings, binary becomes base64.
 * Processes that are equal by value share an id {@code p1}, {@code p2}, ... given in order of
 * first appearance; the {@code processes} object lists them sorted by id as text
 * ({@code p1, p10, p2}), as Go sorts map keys.
 */
public final class UiTraceJson {
  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private UiTraceJson() {}

  private record Process(String serviceName, List<KeyValue> tags) {}

  /**
   * Writes one trace object. The spans must be of one trace and are written in list order.
   *
   * @throws IllegalArgumentException for a NaN or infinite float value, which Go's encoder
   *     refuses, with Go's message
   */
  public static void writeTrace(JsonBuffer out, List<AdjustableSpan> spans) {
    Map<Process, String> processIds = new HashMap<>();
    Map<String, Process> processesById = new TreeMap<>();
    out.writeAscii("{\"traceID\":");
    if (spans.isEmpty()) {
      out.writeAscii("\"\"");
    } else {
      out.writeString(Ids.traceIdHex(spans.get(0).traceIdHigh(), spans.get(0).traceIdLow()));
    }
    out.writeAscii(",\"spans\":[");
    for (int i = 0; i < spans.size(); i++) {
      AdjustableSpan span = spans.get(i);
      Process process = new Process(span.serviceName(), span.processTags());
      String processId = processIds.get(process);
      if (processId == null) {
        processId = "p" + (processIds.size() + 1);
        processIds.put(process, processId);
        processesById.put(processId, process);
      }
      if (i > 0) {
        out.writeByte(',');
      }
      writeSpan(out, span, processId);
    }
    out.writeAscii("],\"processes\":{");
    boolean first = true;
    for (Map.Entry<String, Process> entry : processesById.entrySet()) {
      if (!first) {
        out.writeByte(',');
      }
      first = false;
      out.writeString(entry.getKey()).writeByte(':');
      writeProcess(out, entry.getValue());
    }
    out.writeAscii("},\"warnings\":null}");
  }

  private static void writeSpan(JsonBuffer out, AdjustableSpan span, String processId) {
    out.writeAscii("{\"traceID\":");
    out.writeString(Ids.traceIdHex(span.traceIdHigh(), span.traceIdLow()));
    out.writeAscii(",\"spanID\":").writeString(Ids.spanIdHex(span.spanId()));
    out.writeAscii(",\"operationName\":").writeString(span.operationName());
    out.writeAscii(",\"references\":[");
    List<SpanRef> refs = span.references();
    for (int i = 0; i < refs.size(); i++) {
      if (i > 0) {
        out.writeByte(',');
      }
      writeReference(out, refs.get(i));
    }
    out.writeAscii("],\"startTime\":").writeUnsignedLong(micros(span.startTimeNanos()));
    out.writeAscii(",\"duration\":").writeUnsignedLong(micros(span.durationNanos()));
    out.writeAscii(",\"tags\":");
    writeKeyValues(out, span.tags());
    out.writeAscii(",\"logs\":[");
    List<SpanLog> logs = span.logs();
    for (int i = 0; i < logs.size(); i++) {
      if (i > 0) {
        out.writeByte(',');
      }
      out.writeAscii("{\"timestamp\":").writeUnsignedLong(micros(logs.get(i).timestampNanos()));
      out.writeAscii(",\"fields\":");
      writeKeyValues(out, logs.get(i).fields());
      out.writeByte('}');
    }
    out.writeAscii("],\"processID\":").writeString(processId);
    out.writeAscii(",\"warnings\":");
    writeWarnings(out, span.warnings());
    out.writeByte('}');
  }

  private static void writeReference(JsonBuffer out, SpanRef ref) {
    out.writeAscii(ref.refType() == SpanRef.RefType.FOLLOWS_FROM
        ? "{\"refType\":\"FOLLOWS_FROM\",\"traceID\":"
        : "{\"refType\":\"CHILD_OF\",\"traceID\":");
    out.writeString(Ids.traceIdHex(ref.traceIdHigh(), ref.traceIdLow()));
    out.writeAscii(",\"spanID\":").writeString(Ids.spanIdHex(ref.spanId())).writeByte('}');
  }

  private static void writeProcess(JsonBuffer out, Process process) {
    out.writeAscii("{\"serviceName\":").writeString(process.serviceName());
    out.writeAscii(",\"tags\":");
    writeKeyValues(out, process.tags());
    out.writeByte('}');
  }

  private static void writeWarnings(JsonBuffer out, List<String> warnings) {
    if (warnings == null) {
      out.writeAscii("null");
      return;
    }
    out.writeByte('[');
    for (int i = 0; i < warnings.size(); i++) {
      if (i > 0) {
        out.writeByte(',');
      }
      out.writeString(warnings.get(i));
    }
    out.writeByte(']');
  }

  /** Writes {@code [{"key":…,"type":…,"value":…},…]}; an empty list is {@code []}. */
  static void writeKeyValues(JsonBuffer out, List<KeyValue> keyValues) {
    out.writeByte('[');
    for (int i = 0; i < keyValues.size(); i++) {
      if (i > 0) {
        out.writeByte(',');
      }
      KeyValue kv = keyValues.get(i);
      out.writeAscii("{\"key\":").writeString(kv.key());
      out.writeAscii(",\"type\":\"").writeAscii(kv.type().lowerName());
      out.writeAscii("\",\"value\":");
      writeValue(out, kv);
      out.writeByte('}');
    }
    out.writeByte(']');
  }

  /** Writes a typed value: see the class comment for int64 and binary. */
  static void writeValue(JsonBuffer out, KeyValue kv) {
    switch (kv.type()) {
      case STRING -> out.writeString(kv.stringValue());
      case BOOL -> out.writeAscii(kv.boolValue() ? "true" : "false");
      case INT64 -> writeInt64(out, kv.int64Value());
      case FLOAT64 -> out.writeAscii(GoFloat.formatJson(kv.float64Value()));
      case BINARY -> out.writeByte('"')
          .writeAscii(Base64.getEncoder().encodeToString(kv.binaryValue()))
          .writeByte('"');
    }
  }

  private static void writeInt64(JsonBuffer out, long value) {
    if (value > MAX_SAFE_INTEGER || value < -MAX_SAFE_INTEGER) {
      // JavaScript cannot hold it exactly, so Jaeger sends it as text.
      out.writeByte('"').writeLong(value).writeByte('"');
    } else {
      out.writeLong(value);
    }
  }

  /** Returns µs as Jaeger's {@code uint64(nanos / 1000)}: truncated, negative wrapping. */
  private static long micros(long nanos) {
    return nanos / 1000;
  }
}
