package io.sluice.storage.memory;

import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanRef;
import io.sluice.storage.read.DependencyLink;
import io.sluice.storage.read.Operation;
import io.sluice.storage.read.TraceQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps traces in memory, as Jaeger's {@code memory} backend does: at most {@code max_traces}
 * traces, evicting the oldest whole trace (by when its first span arrived) to make room.
 *
 * <p>Services and operations are remembered even after their traces are evicted, as in Jaeger.
 * All methods are thread-safe; one lock guards the store, which is fine for the development
 * backend it is.
 */
public final class MemoryTraceStore {
  /** Jaeger's default for {@code memory.max_traces}. */
  public static final int DEFAULT_MAX_TRACES = 1_000_000;

  private record TraceKey(long high, long low) {}

  private static final String UNSPECIFIED_KIND = "unspecified";
  private static final Set<String> KNOWN_KINDS =
      Set.of("client", "server", "producer", "consumer", "internal");

  private static final Comparator<Operation> OPERATION_ORDER =
      Comparator.comparing(Operation::name).thenComparing(Operation::spanKind);

  private final int maxTraces;
  // Guarded by this.
  private final LinkedHashMap<TraceKey, List<JaegerSpan>> traces = new LinkedHashMap<>();
  private final Map<String, Set<Operation>> operations = new TreeMap<>();
  private long spanCount;

  /** Returns a store holding at most {@link #DEFAULT_MAX_TRACES} traces. */
  public MemoryTraceStore() {
    this(DEFAULT_MAX_TRACES);
  }

  /**
   * Returns a store holding at most {@code maxTraces} traces.
   *
   * @throws IllegalArgumentException if {@code maxTraces} is not positive
   */
  public MemoryTraceStore(int maxTraces) {
    if (maxTraces <= 0) {
      throw new IllegalArgumentException(
          "max_traces must be positive, got " + maxTraces);
    }
    this.maxTraces = maxTraces;
  }

  /** Stores the spans, evicting the oldest traces when a new trace would exceed the limit. */
  public synchronized void write(List<JaegerSpan> spans) {
    for (JaegerSpan span : spans) {
      TraceKey key = new TraceKey(span.traceIdHigh(), span.traceIdLow());
      List<JaegerSpan> trace = traces.get(key);
      if (trace == null) {
        evictToMakeRoom();
        trace = new ArrayList<>(4);
        traces.put(key, trace);
      }
      trace.add(span);
      spanCount++;
      operations
          .computeIfAbsent(span.process().serviceName(), s -> new TreeSet<>(OPERATION_ORDER))
          .add(new Operation(span.operationName(), spanKind(span)));
    }
  }

  /** Returns the spans of a trace in arrival order, or an empty list if it is unknown. */
  public synchronized List<JaegerSpan> getTrace(long traceIdHigh, long traceIdLow) {
    List<JaegerSpan> trace = traces.get(new TraceKey(traceIdHigh, traceIdLow));
    return trace == null ? List.of() : List.copyOf(trace);
  }

  /** Returns every service name seen, sorted. */
  public synchronized List<String> services() {
    return List.copyOf(operations.keySet());
  }

  /** Returns the operations of a service sorted by name then kind; empty if unknown. */
  public synchronized List<Operation> operations(String service) {
    Set<Operation> ops = operations.get(service);
    return ops == null ? List.of() : List.copyOf(ops);
  }

  /** Returns the number of spans held. */
  public synchronized long spanCount() {
    return spanCount;
  }

  /** Returns the number of traces held. */
  public synchronized int traceCount() {
    return traces.size();
  }

  /**
   * Returns up to {@code query.limit()} traces, newest first, with at least one span matching
   * the query ({@link TraceQuery#matches}). A linear scan, fine for development data sizes.
   */
  public synchronized List<List<JaegerSpan>> findTraces(TraceQuery query) {
    List<List<JaegerSpan>> found = new ArrayList<>();
    List<List<JaegerSpan>> all = new ArrayList<>(traces.values());
    for (int i = all.size() - 1; i >= 0 && found.size() < query.limit(); i--) {
      List<JaegerSpan> trace = all.get(i);
      if (trace.stream().anyMatch(query::matches)) {
        found.add(List.copyOf(trace));
      }
    }
    return found;
  }

  /**
   * Returns the service call edges of the traces that have a span starting strictly between
   * {@code startNanos} and {@code endNanos}, as Jaeger's memory backend derives them: one call
   * for each span whose parent (Jaeger's {@code ParentSpanID}: the first CHILD_OF reference into
   * the same trace, else the first FOLLOWS_FROM one) is a span of another service. Sorted by
   * parent, then child. Unlike Jaeger, Zipkin-style shared client/server span ids are not
   * split first, so such a call counts as the server's parent calling the server.
   */
  public synchronized List<DependencyLink> dependencies(long startNanos, long endNanos) {
    Map<String, Map<String, Long>> calls = new TreeMap<>();
    for (List<JaegerSpan> trace : traces.values()) {
      if (trace.stream().noneMatch(
          span -> span.startTimeNanos() > startNanos && span.startTimeNanos() < endNanos)) {
        continue;
      }
      Map<Long, JaegerSpan> byId = new HashMap<>();
      trace.forEach(span -> byId.putIfAbsent(span.spanId(), span));
      for (JaegerSpan span : trace) {
        JaegerSpan parent = parent(span, byId);
        if (parent == null) {
          continue;
        }
        String from = parent.process().serviceName();
        String to = span.process().serviceName();
        if (!from.equals(to)) {
          calls.computeIfAbsent(from, k -> new TreeMap<>()).merge(to, 1L, Long::sum);
        }
      }
    }
    List<DependencyLink> links = new ArrayList<>();
    calls.forEach((parent, children) -> children.forEach(
        (child, count) -> links.add(new DependencyLink(parent, child, count))));
    return links;
  }

  private static JaegerSpan parent(JaegerSpan span, Map<Long, JaegerSpan> byId) {
    SpanRef followsFrom = null;
    for (SpanRef ref : span.references()) {
      if (ref.traceIdHigh() != span.traceIdHigh() || ref.traceIdLow() != span.traceIdLow()) {
        continue;
      }
      if (ref.refType() == SpanRef.RefType.CHILD_OF) {
        return byId.get(ref.spanId());
      }
      if (followsFrom == null) {
        followsFrom = ref;
      }
    }
    return followsFrom == null ? null : byId.get(followsFrom.spanId());
  }

  private void evictToMakeRoom() {
    Iterator<Map.Entry<TraceKey, List<JaegerSpan>>> oldest = traces.entrySet().iterator();
    while (traces.size() >= maxTraces && oldest.hasNext()) {
      spanCount -= oldest.next().getValue().size();
      oldest.remove();
    }
  }

  /**
   * Returns the span kind as Jaeger's memory backend records it: the {@code span.kind} tag when
   * it names a kind OpenTelemetry knows, else {@code unspecified}.
   */
  private static String spanKind(JaegerSpan span) {
    for (KeyValue tag : span.tags()) {
      if (tag.key().equals("span.kind")) {
        String kind = tag.valueAsString();
        return KNOWN_KINDS.contains(kind) ? kind : UNSPECIFIED_KIND;
      }
    }
    return UNSPECIFIED_KIND;
  }
}
