package io.sluice.query.adjust;

import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanLog;
import io.sluice.storage.model.SpanRef;
import java.util.ArrayList;
import java.util.List;

/** Builds spans of trace {@code 0x1} for the adjuster tests; times are in µs for brevity. */
final class TestSpans {
  static final long TRACE = 1;

  private long spanId;
  private long startMicros;
  private long durationMicros = 10;
  private final List<SpanRef> references = new ArrayList<>();
  private final List<KeyValue> tags = new ArrayList<>();
  private final List<SpanLog> logs = new ArrayList<>();
  private final List<KeyValue> processTags = new ArrayList<>();

  private TestSpans(long spanId) {
    this.spanId = spanId;
  }

  static TestSpans span(long spanId) {
    return new TestSpans(spanId);
  }

  TestSpans start(long micros) {
    this.startMicros = micros;
    return this;
  }

  TestSpans duration(long micros) {
    this.durationMicros = micros;
    return this;
  }

  TestSpans childOf(long parentId) {
    references.add(new SpanRef(SpanRef.RefType.CHILD_OF, 0, TRACE, parentId));
    return this;
  }

  TestSpans ref(SpanRef ref) {
    references.add(ref);
    return this;
  }

  TestSpans tag(KeyValue tag) {
    tags.add(tag);
    return this;
  }

  TestSpans kind(String kind) {
    return tag(KeyValue.string("span.kind", kind));
  }

  TestSpans log(long micros, KeyValue... fields) {
    logs.add(new SpanLog(micros * 1000, List.of(fields)));
    return this;
  }

  TestSpans processTag(KeyValue tag) {
    processTags.add(tag);
    return this;
  }

  TestSpans host(String ip) {
    return processTag(KeyValue.string("ip", ip));
  }

  JaegerSpan build() {
    return new JaegerSpan(0, TRACE, spanId, "op" + spanId, List.copyOf(references),
        startMicros * 1000, durationMicros * 1000, List.copyOf(tags), List.copyOf(logs),
        new JaegerProcess("svc", List.copyOf(processTags)));
  }

  AdjustableSpan adjustable() {
    return AdjustableSpan.of(build());
  }

  /** Returns adjustable copies of the spans, in the given order, in a mutable list. */
  static List<AdjustableSpan> spans(TestSpans... spans) {
    List<AdjustableSpan> out = new ArrayList<>();
    for (TestSpans span : spans) {
      out.add(span.adjustable());
    }
    return out;
  }
}
