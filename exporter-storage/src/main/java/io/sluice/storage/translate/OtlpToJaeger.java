package io.sluice.storage.translate;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.sluice.pipeline.Traces;
import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanLog;
import io.sluice.storage.model.SpanRef;
import io.sluice.storage.model.SpanRef.RefType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Translates OTLP spans into Jaeger domain spans exactly as Jaeger v2.1.0 does: its sanitizers
 * (spec §2.1, {@link Sanitizers}) and then the collector-contrib translator v0.115.0
 * (§2.2–§2.7).
 *
 * <p>Each span gets the process of its resource; the span {@code flags}, dropped counts, scope
 * attributes, link trace state and link attributes other than {@code opentracing.ref_type} are
 * ignored. Ids of the wrong length (OTLP allows only 16 and 8 bytes, or empty) read as 0.
 * Stateless and thread-safe.
 */
public final class OtlpToJaeger {
  static final String SCOPE_NAME = "otel.scope.name";
  static final String SCOPE_VERSION = "otel.scope.version";
  static final String SPAN_KIND = "span.kind";
  static final String STATUS_CODE = "otel.status_code";
  static final String ERROR = "error";
  static final String STATUS_DESCRIPTION = "otel.status_description";
  static final String TRACE_STATE = "w3c.tracestate";
  static final String EVENT_NAME = "event";
  static final String REF_TYPE = "opentracing.ref_type";

  private OtlpToJaeger() {}

  /** Returns the Jaeger spans of a batch, in OTLP order, each with its process set. */
  public static List<JaegerSpan> translate(Traces traces) {
    List<JaegerSpan> out = new ArrayList<>(traces.spanCount());
    for (ResourceSpans resourceSpans : traces.resourceSpans()) {
      appendSpans(resourceSpans, out);
    }
    return out;
  }

  /** Appends the Jaeger spans of one resource, in OTLP order, to {@code out}. */
  public static void appendSpans(ResourceSpans resourceSpans, List<JaegerSpan> out) {
    if (resourceSpans.getScopeSpansCount() == 0) {
      return;
    }
    JaegerProcess process = process(resourceSpans.getResource());
    for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
      List<KeyValue> scopeTags = scopeTags(scopeSpans.getScope());
      for (Span span : scopeSpans.getSpansList()) {
        out.add(span(span, scopeTags, process));
      }
    }
  }

  /**
   * Returns the process of a resource: the sanitized service name, and every other resource
   * attribute as a tag in OTLP order.
   */
  public static JaegerProcess process(Resource resource) {
    List<KeyValue> tags = new ArrayList<>(resource.getAttributesCount());
    Sanitizers.appendSanitized(
        tags, resource.getAttributesList(), Sanitizers.SERVICE_NAME_KEY, null);
    return new JaegerProcess(Sanitizers.serviceName(resource), frozen(tags));
  }

  /** Returns one span translated with the given scope tags and process. */
  public static JaegerSpan span(Span span, List<KeyValue> scopeTags, JaegerProcess process) {
    ByteString traceId = span.getTraceId();
    long traceIdHigh = readLong(traceId, 0, 16);
    long traceIdLow = readLong(traceId, 8, 16);
    return new JaegerSpan(
        traceIdHigh,
        traceIdLow,
        readLong(span.getSpanId(), 0, 8),
        Sanitizers.spanName(span),
        references(span, traceIdHigh, traceIdLow),
        span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano() - span.getStartTimeUnixNano(),
        tags(span, scopeTags),
        logs(span),
        process);
  }

  /** Returns the {@code otel.scope.name} and {@code otel.scope.version} tags of a scope. */
  public static List<KeyValue> scopeTags(InstrumentationScope scope) {
    List<KeyValue> tags = new ArrayList<>(2);
    String name = ProtoStrings.read(scope.getName(), scope.getNameBytes());
    if (!name.isEmpty()) {
      tags.add(KeyValue.string(SCOPE_NAME, name));
    }
    String version = ProtoStrings.read(scope.getVersion(), scope.getVersionBytes());
    if (!version.isEmpty()) {
      tags.add(KeyValue.string(SCOPE_VERSION, version));
    }
    return frozen(tags);
  }

  private static List<KeyValue> tags(Span span, List<KeyValue> scopeTags) {
    List<KeyValue> tags = new ArrayList<>(scopeTags.size() + span.getAttributesCount() + 5);
    tags.addAll(scopeTags);
    byte[] invalidName =
        Sanitizers.isSpanNameValid(span) ? null : span.getNameBytes().toByteArray();
    Sanitizers.appendSanitized(tags, span.getAttributesList(), null, invalidName);
    String kind = kindName(span.getKind());
    if (kind != null) {
      tags.add(KeyValue.string(SPAN_KIND, kind));
    }
    appendStatusTags(tags, span.getStatus());
    String traceState = ProtoStrings.read(span.getTraceState(), span.getTraceStateBytes());
    if (!traceState.isEmpty()) {
      tags.add(KeyValue.string(TRACE_STATE, traceState));
    }
    return frozen(tags);
  }

  @Nullable
  private static String kindName(Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_SERVER -> "server";
      case SPAN_KIND_CLIENT -> "client";
      case SPAN_KIND_PRODUCER -> "producer";
      case SPAN_KIND_CONSUMER -> "consumer";
      case SPAN_KIND_INTERNAL -> "internal";
      default -> null;
    };
  }

  private static void appendStatusTags(List<KeyValue> tags, Status status) {
    switch (status.getCode()) {
      case STATUS_CODE_OK -> tags.add(KeyValue.string(STATUS_CODE, "OK"));
      case STATUS_CODE_ERROR -> {
        tags.add(KeyValue.string(STATUS_CODE, "ERROR"));
        tags.add(KeyValue.bool(ERROR, true));
      }
      default -> {
        // UNSET and unknown codes add no tag.
      }
    }
    String message = ProtoStrings.read(status.getMessage(), status.getMessageBytes());
    if (!message.isEmpty()) {
      tags.add(KeyValue.string(STATUS_DESCRIPTION, message));
    }
  }

  private static List<SpanLog> logs(Span span) {
    if (span.getEventsCount() == 0) {
      return List.of();
    }
    List<SpanLog> logs = new ArrayList<>(span.getEventsCount());
    for (Span.Event event : span.getEventsList()) {
      logs.add(new SpanLog(event.getTimeUnixNano(), fields(event)));
    }
    return frozen(logs);
  }

  private static List<KeyValue> fields(Span.Event event) {
    List<KeyValue> fields = new ArrayList<>(event.getAttributesCount() + 1);
    String name = ProtoStrings.read(event.getName(), event.getNameBytes());
    if (!name.isEmpty() && !hasKey(event.getAttributesList(), EVENT_NAME)) {
      fields.add(KeyValue.string(EVENT_NAME, name));
    }
    for (io.opentelemetry.proto.common.v1.KeyValue attribute : event.getAttributesList()) {
      fields.add(AttributeValues.toTag(attribute));
    }
    return frozen(fields);
  }

  private static List<SpanRef> references(Span span, long traceIdHigh, long traceIdLow) {
    long parent = readLong(span.getParentSpanId(), 0, 8);
    if (parent == 0 && span.getLinksCount() == 0) {
      return List.of();
    }
    List<SpanRef> refs = new ArrayList<>(span.getLinksCount() + 1);
    if (parent != 0) {
      refs.add(new SpanRef(RefType.CHILD_OF, traceIdHigh, traceIdLow, parent));
    }
    for (Span.Link link : span.getLinksList()) {
      SpanRef ref = linkRef(link);
      boolean toParent = parent != 0
          && ref.traceIdHigh() == traceIdHigh
          && ref.traceIdLow() == traceIdLow
          && ref.spanId() == parent;
      if (toParent) {
        // A link to the parent does not add a reference; it decides the parent's type.
        refs.set(0, refs.get(0).withRefType(ref.refType()));
      } else {
        refs.add(ref);
      }
    }
    return frozen(refs);
  }

  private static SpanRef linkRef(Span.Link link) {
    ByteString traceId = link.getTraceId();
    return new SpanRef(
        refType(link),
        readLong(traceId, 0, 16),
        readLong(traceId, 8, 16),
        readLong(link.getSpanId(), 0, 8));
  }

  private static RefType refType(Span.Link link) {
    for (io.opentelemetry.proto.common.v1.KeyValue attribute : link.getAttributesList()) {
      if (attribute.getKey().equals(REF_TYPE)) {
        boolean childOf = attribute.getValue().hasStringValue()
            && attribute.getValue().getStringValue().equals("child_of");
        return childOf ? RefType.CHILD_OF : RefType.FOLLOWS_FROM;
      }
    }
    return RefType.FOLLOWS_FROM;
  }

  private static boolean hasKey(
      List<io.opentelemetry.proto.common.v1.KeyValue> attributes, String key) {
    for (io.opentelemetry.proto.common.v1.KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** Reads 8 big-endian bytes at {@code offset}, or 0 when the id is not {@code size} long. */
  private static long readLong(ByteString bytes, int offset, int size) {
    if (bytes.size() != size) {
      return 0;
    }
    long value = 0;
    for (int i = offset; i < offset + 8; i++) {
      value = (value << 8) | (bytes.byteAt(i) & 0xff);
    }
    return value;
  }

  private static <T> List<T> frozen(List<T> list) {
    return Collections.unmodifiableList(list);
  }
}
