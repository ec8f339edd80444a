package io.sluice.collector.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Locale;

/**
 * The span document Jaeger v2.1.0 stores for a span the Java SDK exported, written out by hand
 * from spec/jaeger-storage-query.md §2–§3 (not by Sluice's own translator), for comparison with
 * what OpenSearch holds.
 */
final class ExpectedDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExpectedDocuments() {}

  /**
   * Returns the expected {@code _source} of {@code span}'s document, re-read from its text so its
   * number nodes compare equal to those of a parsed document.
   */
  static JsonNode spanDocument(SpanData span) {
    try {
      return JSON.readTree(buildSpanDocument(span).toString());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode buildSpanDocument(SpanData span) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("traceID", span.getTraceId());
    doc.put("spanID", span.getSpanId());
    doc.put("operationName", span.getName());
    ArrayNode refs = doc.putArray("references");
    if (span.getParentSpanContext().isValid()) {
      refs.addObject()
          .put("refType", "CHILD_OF")
          .put("traceID", span.getTraceId())
          .put("spanID", span.getParentSpanId());
    }
    long startMicros = span.getStartEpochNanos() / 1000;
    doc.put("startTime", startMicros);
    doc.put("startTimeMillis", startMicros / 1000);
    doc.put("duration", (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1000);
    ArrayNode tags = doc.putArray("tags");
    tag(tags, "otel.scope.name", "string", span.getInstrumentationScopeInfo().getName());
    tag(tags, "otel.scope.version", "string",
        span.getInstrumentationScopeInfo().getVersion());
    attributes(tags, span.getAttributes(), null);
    // The Java SDK has no UNSPECIFIED kind, so every span gets a span.kind tag.
    tag(tags, "span.kind", "string", span.getKind().name().toLowerCase(Locale.ROOT));
    doc.putArray("logs");
    ObjectNode process = doc.putObject("process");
    process.put("serviceName",
        span.getResource().getAttribute(AttributeKey.stringKey("service.name")));
    attributes(process.putArray("tags"), span.getResource().getAttributes(), "service.name");
    return doc;
  }

  /** Returns the expected {@code _source} of a service document. */
  static ObjectNode serviceDocument(String service, String operation) {
    return JSON.createObjectNode().put("serviceName", service).put("operationName", operation);
  }

  /** Appends the attributes in the order the SDK puts them on the wire (sorted by key). */
  private static void attributes(ArrayNode tags, Attributes attributes, String skip) {
    attributes.forEach((key, value) -> {
      if (key.getKey().equals(skip)) {
        return;
      }
      String type = switch (key.getType()) {
        case LONG -> "int64";
        case BOOLEAN -> "bool";
        case DOUBLE -> "float64";
        default -> "string";
      };
      tag(tags, key.getKey(), type, String.valueOf(value));
    });
  }

  private static void tag(ArrayNode tags, String key, String type, String value) {
    tags.addObject().put("key", key).put("type", type).put("value", value);
  }
}
