package io.sluice.query.adjust;

import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanLog;
import io.sluice.storage.model.SpanRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * A span the adjusters may change in place: its id, references, start, tags, logs, process
 * tags and warnings. Each span owns its lists (the process tags too), so moving a tag to one
 * span's process never touches another span's.
 *
 * <p>Equality covers every field, warnings included, as Jaeger's span hash does; the span-hash
 * deduplicator relies on it.
 */
public final class AdjustableSpan {
  private final long traceIdHigh;
  private final long traceIdLow;
  private long spanId;
  private final String operationName;
  private final List<SpanRef> references;
  private long startTimeNanos;
  private final long durationNanos;
  private final List<KeyValue> tags;
  private final List<SpanLog> logs;
  private final String serviceName;
  private final List<KeyValue> processTags;
  @Nullable private List<String> warnings;

  private AdjustableSpan(JaegerSpan span) {
    this.traceIdHigh = span.traceIdHigh();
    this.traceIdLow = span.traceIdLow();
    this.spanId = span.spanId();
    this.operationName = span.operationName();
    this.references = new ArrayList<>(span.references());
    this.startTimeNanos = span.startTimeNanos();
    this.durationNanos = span.durationNanos();
    this.tags = new ArrayList<>(span.tags());
    this.logs = new ArrayList<>(span.logs());
    this.serviceName = span.process().serviceName();
    this.processTags = new ArrayList<>(span.process().tags());
  }

  /** Returns a copy of {@code span} to adjust. */
  public static AdjustableSpan of(JaegerSpan span) {
    return new AdjustableSpan(span);
  }

  /** Returns copies of {@code spans}, in the same order. */
  public static List<AdjustableSpan> copyAll(List<JaegerSpan> spans) {
    List<AdjustableSpan> out = new ArrayList<>(spans.size());
    for (JaegerSpan span : spans) {
      out.add(of(span));
    }
    return out;
  }

  /** Returns the high half of the trace id. */
  public long traceIdHigh() {
    return traceIdHigh;
  }

  /** Returns the low half of the trace id. */
  public long traceIdLow() {
    return traceIdLow;
  }

  /** Returns the span id. */
  public long spanId() {
    return spanId;
  }

  void spanId(long id) {
    this.spanId = id;
  }

  /** Returns the operation name. */
  public String operationName() {
    return operationName;
  }

  /** Returns the references, which adjusters change in place. */
  public List<SpanRef> references() {
    return references;
  }

  /** Returns the start, in ns since the epoch. */
  public long startTimeNanos() {
    return startTimeNanos;
  }

  void startTimeNanos(long nanos) {
    this.startTimeNanos = nanos;
  }

  /** Returns the duration in ns. */
  public long durationNanos() {
    return durationNanos;
  }

  /** Returns the span tags, which adjusters change in place. */
  public List<KeyValue> tags() {
    return tags;
  }

  /** Returns the logs, which adjusters replace in place. */
  public List<SpanLog> logs() {
    return logs;
  }

  /** Returns the process's service name. */
  public String serviceName() {
    return serviceName;
  }

  /** Returns this span's copy of its process tags, which adjusters change in place. */
  public List<KeyValue> processTags() {
    return processTags;
  }

  /** Returns the warnings added by the adjusters; null when there is none. */
  @Nullable
  public List<String> warnings() {
    return warnings;
  }

  void addWarning(String warning) {
    if (warnings == null) {
      warnings = new ArrayList<>(1);
    }
    warnings.add(warning);
  }

  /** Returns true when the span has a {@code span.kind} tag whose text is {@code kind}. */
  boolean hasSpanKind(String kind) {
    for (KeyValue tag : tags) {
      if (tag.key().equals("span.kind")) {
        return tag.valueAsString().equals(kind);
      }
    }
    return false;
  }

  /**
   * Returns the parent span id as Jaeger's {@code ParentSpanID}: the first CHILD_OF reference
   * into the same trace, else the first FOLLOWS_FROM one, else 0.
   */
  long parentSpanId() {
    SpanRef followsFrom = null;
    for (SpanRef ref : references) {
      if (!sameTrace(ref)) {
        continue;
      }
      if (ref.refType() == SpanRef.RefType.CHILD_OF) {
        return ref.spanId();
      }
      if (followsFrom == null) {
        followsFrom = ref;
      }
    }
    return followsFrom == null ? 0 : followsFrom.spanId();
  }

  /**
   * Points the parent reference at {@code newParentId}, as Jaeger's {@code ReplaceParentID}:
   * the first same-trace reference to the current parent is changed, or, with none, a CHILD_OF
   * reference is put first unless one to {@code newParentId} exists.
   */
  void replaceParentId(long newParentId) {
    long oldParentId = parentSpanId();
    for (int i = 0; i < references.size(); i++) {
      SpanRef ref = references.get(i);
      if (ref.spanId() == oldParentId && sameTrace(ref)) {
        references.set(i, new SpanRef(ref.refType(), ref.traceIdHigh(), ref.traceIdLow(),
            newParentId));
        return;
      }
    }
    boolean present = references.stream()
        .anyMatch(ref -> ref.spanId() == newParentId && sameTrace(ref));
    if (newParentId != 0 && !present) {
      references.add(0,
          new SpanRef(SpanRef.RefType.CHILD_OF, traceIdHigh, traceIdLow, newParentId));
    }
  }

  boolean sameTrace(SpanRef ref) {
    return ref.traceIdHigh() == traceIdHigh && ref.traceIdLow() == traceIdLow;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdjustableSpan other
        && traceIdHigh == other.traceIdHigh
        && traceIdLow == other.traceIdLow
        && spanId == other.spanId
        && startTimeNanos == other.startTimeNanos
        && durationNanos == other.durationNanos
        && operationName.equals(other.operationName)
        && serviceName.equals(other.serviceName)
        && references.equals(other.references)
        && tags.equals(other.tags)
        && logs.equals(other.logs)
        && processTags.equals(other.processTags)
        && Objects.equals(warnings, other.warnings);
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(traceIdLow) * 31 + Long.hashCode(spanId);
    h = h * 31 + Long.hashCode(startTimeNanos);
    h = h * 31 + operationName.hashCode();
    return h * 31 + tags.hashCode();
  }
}
