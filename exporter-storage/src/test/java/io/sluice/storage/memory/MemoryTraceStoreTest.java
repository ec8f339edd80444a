package io.sluice.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.read.Operation;
import io.sluice.storage.read.TraceQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryTraceStoreTest {
  private static JaegerSpan span(long trace, long spanId, String service, String op) {
    return new JaegerSpan(0, trace, spanId, op, List.of(), spanId * 1_000, 10 * spanId,
        List.of(KeyValue.string("span.kind", "server"), KeyValue.int64("n", spanId)), List.of(),
        new JaegerProcess(service, List.of()));
  }

  @Test
  void evictsTheOldestWholeTraceWhenFull() {
    MemoryTraceStore store = new MemoryTraceStore(2);
    store.write(List.of(span(1, 1, "a", "x"), span(2, 2, "a", "y"), span(1, 3, "a", "x")));

    store.write(List.of(span(3, 4, "b", "z")));

    assertThat(store.traceCount()).isEqualTo(2);
    assertThat(store.spanCount()).isEqualTo(2);
    assertThat(store.getTrace(0, 1)).isEmpty();
    assertThat(store.getTrace(0, 2)).extracting(JaegerSpan::spanId).containsExactly(2L);
    assertThat(store.getTrace(0, 3)).extracting(JaegerSpan::spanId).containsExactly(4L);
  }

  @Test
  void countsSpansPerTraceAndRemembersServicesAndOperations() {
    MemoryTraceStore store = new MemoryTraceStore();
    store.write(List.of(span(1, 1, "b", "x"), span(1, 2, "a", "y"), span(1, 3, "a", "x")));

    assertThat(store.traceCount()).isEqualTo(1);
    assertThat(store.spanCount()).isEqualTo(3);
    assertThat(store.getTrace(0, 1)).extracting(JaegerSpan::spanId).containsExactly(1L, 2L, 3L);
    assertThat(store.services()).containsExactly("a", "b");
    assertThat(store.operations("a"))
        .containsExactly(new Operation("x", "server"), new Operation("y", "server"));
    assertThat(store.operations("unknown")).isEmpty();
  }

  @Test
  void findTracesScansServiceOperationDurationAndTags() {
    MemoryTraceStore store = new MemoryTraceStore();
    store.write(List.of(span(1, 1, "a", "x"), span(2, 2, "a", "y"), span(3, 5, "a", "x")));

    TraceQuery query = new TraceQuery("a", "x", Map.of("n", "5"), 0, Long.MAX_VALUE, 40, 100, 10);

    assertThat(store.findTraces(query)).hasSize(1);
    assertThat(store.findTraces(query).get(0).get(0).spanId()).isEqualTo(5);
    assertThat(store.findTraces(TraceQuery.forService("a"))).hasSize(3);
  }

  @Test
  void defaultsAndValidation() {
    assertThat(MemoryTraceStore.DEFAULT_MAX_TRACES).isEqualTo(1_000_000);
    assertThatThrownBy(() -> new MemoryTraceStore(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max_traces must be positive, got 0");
  }
}
