package io.sluice.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanRef;
import io.sluice.storage.read.DependencyLink;
import io.sluice.storage.read.Operation;
import io.sluice.storage.read.TraceQuery;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryTraceReaderTest {
  private final MemoryTraceStore store = new MemoryTraceStore();
  private final MemoryTraceReader reader = new MemoryTraceReader(store);

  private static JaegerSpan span(long id, String service, List<SpanRef> refs, List<KeyValue> tags,
      long startNanos) {
    return new JaegerSpan(0, 1, id, "op" + id, refs, startNanos, 10, tags, List.of(),
        new JaegerProcess(service, List.of()));
  }

  @Test
  void operationsCarryTheSpanKindOrUnspecifiedAsJaegersMemoryStore() {
    store.write(List.of(
        span(1, "a", List.of(), List.of(KeyValue.string("span.kind", "server")), 0),
        span(2, "a", List.of(), List.of(), 0),
        span(3, "a", List.of(), List.of(KeyValue.string("span.kind", "rpc")), 0)));

    assertThat(reader.operations("a", null).result()).containsExactly(
        new Operation("op1", "server"), new Operation("op2", "unspecified"),
        new Operation("op3", "unspecified"));
    assertThat(reader.operations("a", "server").result())
        .containsExactly(new Operation("op1", "server"));
  }

  @Test
  void dependenciesFollowTheParentReferenceInsideAnOpenWindow() throws Exception {
    SpanRef followsFrom = new SpanRef(SpanRef.RefType.FOLLOWS_FROM, 0, 1, 1);
    store.write(List.of(
        span(1, "front", List.of(), List.of(), 1_000),
        span(2, "back", List.of(followsFrom), List.of(), 2_000),
        span(3, "front", List.of(new SpanRef(SpanRef.RefType.CHILD_OF, 0, 1, 2)), List.of(),
            3_000)));

    assertThat(await(
        reader.dependencies(Instant.ofEpochSecond(0, 5_000), Duration.ofNanos(4_500))))
        .containsExactly(
            new DependencyLink("back", "front", 1), new DependencyLink("front", "back", 1));
    assertThat(await(
        reader.dependencies(Instant.ofEpochSecond(0, 1_000), Duration.ofNanos(1_000))))
        .isEmpty();
  }

  @Test
  void searchWithStartAboveEndFailsAsTheElasticsearchReader() {
    Future<List<List<JaegerSpan>>> found =
        reader.findTraces(new TraceQuery("a", null, Map.of(), 2, 1, 0, 0, 10));

    assertThat(found.failed()).isTrue();
    assertThat(found.cause()).hasMessage("start Time Minimum is above Maximum");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
