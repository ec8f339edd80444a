package io.sluice.processor.memorylimiter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sluice.pipeline.Capabilities;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.ConsumerException;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.TracesConsumer;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryLimiterProcessorTest {
  // Hard limit 1000 MiB, spike 200 MiB: soft limit 800 MiB.
  private static final MemoryLimiterConfig CONFIG = MemoryLimitsTest.config(1000, 200, 0, 0);
  private static final ComponentId ID = ComponentId.parse("memory_limiter");

  private final Vertx vertx = Vertx.vertx();
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final FakeHeap heap = new FakeHeap(4096 * FakeHeap.MIB);
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final MemoryLimiterProcessorFactory factory =
      new MemoryLimiterProcessorFactory(heap, nanos::get);
  private final List<Traces> passed = new ArrayList<>();
  private final TracesConsumer next = traces -> {
    passed.add(traces);
    return Future.succeededFuture();
  };

  @AfterEach
  void closeVertx() {
    vertx.close();
  }

  @Test
  void passesDataOnBelowTheSoftLimit() {
    MemoryLimiterProcessor processor = create(ID, MetricsLevel.BASIC);
    heap.usedMib(100);
    processor.limiter().checkMemoryLimits();

    Future<Void> answer = processor.consume(spans(3));

    assertThat(answer.succeeded()).isTrue();
    assertThat(passed).extracting(Traces::spanCount).containsExactly(3);
    assertThat(counter("otelcol_processor_accepted_spans")).isEqualTo(3.0);
    assertThat(counter("otelcol_processor_refused_spans")).isEqualTo(0.0);
  }

  @Test
  void refusesWithResourceExhaustedAboveTheSoftLimitWithoutCallingNext() {
    MemoryLimiterProcessor processor = create(ID, MetricsLevel.BASIC);
    heap.usedMib(850);
    processor.limiter().checkMemoryLimits();

    Future<Void> answer = processor.consume(spans(4));

    assertThat(passed).isEmpty();
    assertThat(answer.failed()).isTrue();
    assertThat(answer.cause()).isInstanceOf(ConsumerException.class)
        .hasMessage("data refused due to high memory usage (processor memory_limiter): "
            + "retry after 1s");
    ConsumerException refusal = (ConsumerException) answer.cause();
    assertThat(refusal.kind()).isEqualTo(ConsumerException.Kind.RESOURCE_EXHAUSTED);
    assertThat(refusal.retryAfter()).contains(Duration.ofSeconds(1));
    assertThat(counter("otelcol_processor_refused_spans")).isEqualTo(4.0);
    assertThat(counter("otelcol_processor_accepted_spans")).isEqualTo(0.0);
  }

  @Test
  void acceptsAgainOnceACheckFindsTheHeapBelowTheSoftLimit() {
    MemoryLimiterProcessor processor = create(ID, MetricsLevel.BASIC);
    heap.usedMib(850);
    processor.limiter().checkMemoryLimits();
    processor.consume(spans(2));

    heap.usedMib(700);
    processor.consume(spans(5));
    processor.limiter().checkMemoryLimits();
    processor.consume(spans(7));

    assertThat(passed).extracting(Traces::spanCount).containsExactly(7);
    assertThat(counter("otelcol_processor_refused_spans")).isEqualTo(7.0);
    assertThat(counter("otelcol_processor_accepted_spans")).isEqualTo(7.0);
  }

  @Test
  void retryAfterIsTheCheckIntervalRoundedUpToSeconds() {
    assertThat(MemoryLimiterProcessor.retryAfter(Duration.ofMillis(100)))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(MemoryLimiterProcessor.retryAfter(Duration.ofMillis(2500)))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(MemoryLimiterProcessor.retryAfter(Duration.ofSeconds(5)))
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void pipelinesUsingOneIdShareTheLimiterAndTheCounters() {
    MemoryLimiterProcessor first = create(ID, MetricsLevel.BASIC);
    MemoryLimiterProcessor second = create(ID, MetricsLevel.BASIC);
    MemoryLimiterProcessor other = create(ComponentId.parse("memory_limiter/other"),
        MetricsLevel.BASIC);
    heap.usedMib(900);
    first.limiter().checkMemoryLimits();

    first.consume(spans(1));
    second.consume(spans(2));
    other.consume(spans(4));

    assertThat(second.limiter()).isSameAs(first.limiter());
    assertThat(other.limiter()).isNotSameAs(first.limiter());
    assertThat(counter("otelcol_processor_refused_spans")).isEqualTo(3.0);
    assertThat(passed).extracting(Traces::spanCount).containsExactly(4);
  }

  @Test
  void lastShutdownStopsTheSharedLimiterAndANewPipelineGetsAFreshOne() {
    MemoryLimiterProcessor first = create(ID, MetricsLevel.BASIC);
    MemoryLimiterProcessor second = create(ID, MetricsLevel.BASIC);
    heap.usedMib(900);
    first.limiter().checkMemoryLimits();

    first.shutdown();
    assertThat(second.limiter().mustRefuse()).isTrue();
    second.shutdown();
    second.shutdown();

    assertThat(second.limiter().mustRefuse()).isFalse();
    assertThat(create(ID, MetricsLevel.BASIC).limiter()).isNotSameAs(first.limiter());
  }

  @Test
  void onlyReadsTheData() {
    assertThat(create(ID, MetricsLevel.BASIC).capabilities()).isEqualTo(Capabilities.READ_ONLY);
  }

  @Test
  void recordsNoMetricsAtLevelNone() {
    MemoryLimiterProcessor processor = create(ID, MetricsLevel.NONE);

    processor.consume(spans(3));

    assertThat(registry.find("otelcol_processor_accepted_spans").counter()).isNull();
    assertThat(passed).hasSize(1);
  }

  private MemoryLimiterProcessor create(ComponentId id, MetricsLevel level) {
    CreateSettings settings = new CreateSettings(
        id, ComponentKind.PROCESSOR, vertx, new Telemetry(level, registry));
    return (MemoryLimiterProcessor) factory.createTraces(settings, CONFIG, next);
  }

  private double counter(String name) {
    return registry.get(name).tag("processor", "memory_limiter").counter().count();
  }

  private static Traces spans(int count) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < count; i++) {
      scope.addSpans(Span.newBuilder().setName("s" + i));
    }
    return Traces.of(List.of(ResourceSpans.newBuilder().addScopeSpans(scope).build()));
  }
}
