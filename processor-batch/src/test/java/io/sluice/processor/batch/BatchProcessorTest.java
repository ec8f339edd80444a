package io.sluice.processor.batch;

import static io.sluice.processor.batch.TestTraces.expectedNames;
import static io.sluice.processor.batch.TestTraces.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.ConsumerException;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.status.StatusReporter;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {
  static final Host HOST = new Host() {
    @Override
    public Map<ComponentId, io.sluice.pipeline.Extension> extensions() {
      return Map.of();
    }

    @Override
    public StatusReporter status() {
      return StatusReporter.NONE;
    }
  };

  private static Vertx vertx;

  private final ManualScheduler clock = new ManualScheduler();
  private final RecordingConsumer next = new RecordingConsumer();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<BatchProcessor> processors = new ArrayList<>();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(2));
  }

  @AfterAll
  static void closeVertx() throws Exception {
    Awaitility.reset();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void shutDownProcessors() {
    next.unstall();
    for (BatchProcessor p : processors) {
      p.shutdown();
    }
  }

  @Test
  void emptyTracesAreIgnored() {
    BatchProcessor p = started(config(10, Duration.ofMillis(200), 0), 2);

    assertThat(p.consume(io.sluice.pipeline.Traces.empty()).succeeded()).isTrue();
    assertThat(p.heldSpans()).isZero();
    assertThat(p.channelOccupancy()).isZero();
  }

  @Test
  void sizeTriggerSendsEverythingOnceCountReachesSendBatchSize() {
    BatchProcessor p = started(config(10, Duration.ofMillis(200), 0), 4);

    p.consume(spans("a", 0, 4));
    p.consume(spans("a", 4, 4));
    awaitQuiet(p);
    assertThat(next.batchCount()).isZero();
    p.consume(spans("a", 8, 4));
    awaitQuiet(p);

    // A trigger, not a cap: the 12 spans go out together.
    assertThat(next.batchNames()).containsExactly(expectedNames("a", 0, 12));
    assertThat(counter("otelcol_processor_batch_batch_size_trigger_send")).isEqualTo(1);
    assertThat(counter("otelcol_processor_batch_timeout_trigger_send")).isZero();
    assertThat(p.heldSpans()).isZero();
  }

  @Test
  void sizeTriggerRepeatsWhileAboveSizeWithMaxSizeSplitting() {
    BatchProcessor p = started(config(10, Duration.ofMillis(200), 10), 4);

    p.consume(spans("a", 0, 25));
    awaitQuiet(p);

    assertThat(next.batchNames())
        .containsExactly(expectedNames("a", 0, 10), expectedNames("a", 10, 10));
    assertThat(p.heldSpans()).isEqualTo(5);
    clock.advance(Duration.ofMillis(200));
    awaitQuiet(p);
    assertThat(next.batchNames()).last().isEqualTo(expectedNames("a", 20, 5));
    assertThat(counter("otelcol_processor_batch_batch_size_trigger_send")).isEqualTo(2);
    assertThat(counter("otelcol_processor_batch_timeout_trigger_send")).isEqualTo(1);
  }

  @Test
  void timerTicksFromTheLastTickNotFromTheFirstItem() {
    BatchProcessor p = started(config(100, Duration.ofMillis(200), 0), 4);

    clock.advance(Duration.ofMillis(150));
    p.consume(spans("a", 0, 3));
    awaitQuiet(p);
    clock.advance(Duration.ofMillis(49));
    assertThat(next.batchCount()).isZero();
    clock.advance(Duration.ofMillis(1));
    awaitQuiet(p);
    assertThat(next.batchNames()).containsExactly(expectedNames("a", 0, 3));

    // The tick at 200ms re-armed itself for 400ms, whenever the next data comes.
    clock.advance(Duration.ofMillis(150));
    p.consume(spans("a", 3, 2));
    awaitQuiet(p);
    clock.advance(Duration.ofMillis(49));
    assertThat(next.batchCount()).isEqualTo(1);
    clock.advance(Duration.ofMillis(1));
    awaitQuiet(p);
    assertThat(next.batchNames()).last().isEqualTo(expectedNames("a", 3, 2));
    assertThat(counter("otelcol_processor_batch_timeout_trigger_send")).isEqualTo(2);
  }

  @Test
  void emptyTickSendsNothingAndReArms() {
    BatchProcessor p = started(config(100, Duration.ofMillis(200), 0), 4);

    clock.advance(Duration.ofMillis(200));
    awaitQuiet(p);
    p.consume(spans("a", 0, 1));
    awaitQuiet(p);
    clock.advance(Duration.ofMillis(200));
    awaitQuiet(p);

    assertThat(next.batchNames()).containsExactly(List.of("a:0"));
    assertThat(counter("otelcol_processor_batch_timeout_trigger_send")).isEqualTo(1);
  }

  @Test
  void sizeTriggeredSendReArmsTheTimer() {
    BatchProcessor p = started(config(10, Duration.ofMillis(200), 0), 4);

    clock.advance(Duration.ofMillis(150));
    p.consume(spans("a", 0, 10));
    awaitQuiet(p);
    p.consume(spans("a", 10, 3));
    awaitQuiet(p);
    clock.advance(Duration.ofMillis(50));
    awaitQuiet(p);
    assertThat(next.batchCount()).isEqualTo(1);
    clock.advance(Duration.ofMillis(149));
    assertThat(next.batchCount()).isEqualTo(1);
    clock.advance(Duration.ofMillis(1));
    awaitQuiet(p);

    assertThat(next.batchNames())
        .containsExactly(expectedNames("a", 0, 10), expectedNames("a", 10, 3));
    assertThat(counter("otelcol_processor_batch_batch_size_trigger_send")).isEqualTo(1);
    assertThat(counter("otelcol_processor_batch_timeout_trigger_send")).isEqualTo(1);
  }

  @Test
  void timeoutZeroSendsEveryInputAtOnceAsSizeTrigger() {
    BatchProcessor p = started(config(8192, Duration.ZERO, 0), 4);

    p.consume(spans("a", 0, 2));
    awaitQuiet(p);
    p.consume(spans("a", 2, 1));
    awaitQuiet(p);

    assertThat(next.batchNames())
        .containsExactly(expectedNames("a", 0, 2), expectedNames("a", 2, 1));
    assertThat(counter("otelcol_processor_batch_batch_size_trigger_send")).isEqualTo(2);
    assertThat(clock.pendingTasks()).isZero();
  }

  @Test
  void timeoutZeroStillSplitsAtMaxSize() {
    BatchProcessor p = started(config(0, Duration.ZERO, 4), 4);

    p.consume(spans("a", 0, 10));
    awaitQuiet(p);

    assertThat(next.batchNames()).containsExactly(
        expectedNames("a", 0, 4), expectedNames("a", 4, 4), expectedNames("a", 8, 2));
  }

  @Test
  void maxSizeSplitsAcrossResourcesAndScopes() {
    BatchProcessor p = started(config(5, Duration.ofMillis(200), 5), 4);

    p.consume(io.sluice.pipeline.Traces.of(List.of(
        TestTraces.resource("svc-1", TestTraces.scope("s1", "a", 0, 3)),
        TestTraces.resource("svc-2",
            TestTraces.scope("s2", "a", 3, 4), TestTraces.scope("s3", "a", 7, 5)))));
    awaitQuiet(p);

    assertThat(next.batchNames())
        .containsExactly(expectedNames("a", 0, 5), expectedNames("a", 5, 5));
    var second = next.received().get(1).resourceSpans();
    assertThat(second).hasSize(1);
    assertThat(second.get(0).getResource().getAttributes(0).getValue().getStringValue())
        .isEqualTo("svc-2");
    assertThat(second.get(0).getScopeSpansList())
        .extracting(s -> s.getScope().getName())
        .containsExactly("s2", "s3");
    assertThat(p.heldSpans()).isEqualTo(2);
  }

  @Test
  void shutdownFlushCountsAsTimeoutTrigger() throws Exception {
    BatchProcessor p = started(config(100, Duration.ofMillis(200), 0), 4);

    p.consume(spans("a", 0, 7));
    awaitQuiet(p);
    join(p.shutdown());

    assertThat(next.batchNames()).containsExactly(expectedNames("a", 0, 7));
    assertThat(counter("otelcol_processor_batch_timeout_trigger_send")).isEqualTo(1);
    assertThat(counter("otelcol_processor_batch_batch_size_trigger_send")).isZero();
    assertThat(p.heldSpans()).isZero();
  }

  @Test
  void fullChannelMakesCallersWaitInFifoOrder() {
    BatchProcessor p = started(config(1, Duration.ofMillis(200), 0), 1);
    next.stall();

    Future<Void> a = p.consume(spans("a", 0, 1));
    await().until(() -> next.batchCount() == 1);
    Future<Void> b = p.consume(spans("b", 0, 1));
    Future<Void> c = p.consume(spans("c", 0, 1));
    Future<Void> d = p.consume(spans("d", 0, 1));

    assertThat(a.succeeded()).isTrue();
    assertThat(b.succeeded()).isTrue();
    assertThat(c.isComplete()).isFalse();
    assertThat(d.isComplete()).isFalse();
    assertThat(p.waitingCallers()).isEqualTo(2);
    assertThat(p.channelOccupancy()).isEqualTo(1);

    next.releaseOne();
    await().until(() -> next.batchCount() == 2);
    await().until(c::succeeded);
    assertThat(d.isComplete()).isFalse();

    next.unstall();
    await().until(d::succeeded);
    awaitQuiet(p);
    assertThat(next.batchNames()).containsExactly(
        List.of("a:0"), List.of("b:0"), List.of("c:0"), List.of("d:0"));
  }

  @Test
  void newCallerDoesNotOvertakeParkedOnes() {
    BatchProcessor p = started(config(1, Duration.ofMillis(200), 0), 1);
    next.stall();
    p.consume(spans("a", 0, 1));
    await().until(() -> next.batchCount() == 1);
    p.consume(spans("b", 0, 1));
    Future<Void> c = p.consume(spans("c", 0, 1));

    // Freeing a slot moves c in at once, so e finds the channel full and queues behind d.
    next.releaseOne();
    await().until(c::succeeded);
    Future<Void> d = p.consume(spans("d", 0, 1));
    Future<Void> e = p.consume(spans("e", 0, 1));
    assertThat(d.isComplete()).isFalse();
    assertThat(e.isComplete()).isFalse();

    next.unstall();
    await().until(e::succeeded);
    awaitQuiet(p);
    assertThat(next.batchNames()).containsExactly(
        List.of("a:0"), List.of("b:0"), List.of("c:0"), List.of("d:0"), List.of("e:0"));
  }

  @Test
  void waitBoundRefusesRetryablyAndTheDataIsNotTaken() {
    BatchProcessor p = started(config(1, Duration.ofMillis(200), 0), 1);
    next.stall();
    p.consume(spans("a", 0, 1));
    await().until(() -> next.batchCount() == 1);
    p.consume(spans("b", 0, 1));
    Future<Void> c = p.consume(spans("c", 0, 3));

    clock.advance(Duration.ofMillis(4999));
    assertThat(c.isComplete()).isFalse();
    clock.advance(Duration.ofMillis(1));

    assertThat(c.failed()).isTrue();
    ConsumerException error = (ConsumerException) c.cause();
    assertThat(error.kind()).isEqualTo(ConsumerException.Kind.RETRYABLE);
    assertThat(error.retryAfter()).contains(Duration.ofSeconds(1));
    assertThat(error.getMessage()).isEqualTo("batch channel full for 5s (processor batch, "
        + "max_wait): the data was not taken; retry after 1s");
    assertThat(p.waitingCallers()).isZero();
    assertThat(counter("otelcol_processor_batch_wait_timeout_spans")).isEqualTo(3);

    next.unstall();
    awaitQuiet(p);
    assertThat(next.batchNames()).containsExactly(List.of("a:0"), List.of("b:0"));
    assertThat(p.heldSpans()).isZero();
  }

  @Test
  void handOffBeforeTheBoundWinsAndTheLateBoundDoesNothing() {
    BatchProcessor p = started(config(1, Duration.ofMillis(200), 0), 1);
    next.stall();
    p.consume(spans("a", 0, 1));
    await().until(() -> next.batchCount() == 1);
    p.consume(spans("b", 0, 1));
    Future<Void> c = p.consume(spans("c", 0, 1));

    clock.advance(Duration.ofSeconds(2));
    next.releaseOne();
    await().until(c::succeeded);
    clock.advance(Duration.ofSeconds(10));

    assertThat(c.succeeded()).isTrue();
    assertThat(counter("otelcol_processor_batch_wait_timeout_spans")).isZero();
    next.unstall();
    awaitQuiet(p);
    assertThat(next.batchNames())
        .containsExactly(List.of("a:0"), List.of("b:0"), List.of("c:0"));
    var wait = registry.get("otelcol_processor_batch_wait_time").summary();
    assertThat(wait.count()).isEqualTo(3);
    assertThat(wait.totalAmount()).isEqualTo(2000.0);
  }

  @Test
  void zeroMaxWaitRefusesAtOnceWhenFull() {
    BatchConfig config = new BatchConfig(1, Duration.ofMillis(200), 0, List.of(), 1000,
        Duration.ZERO);
    BatchProcessor p = started(config, 1);
    next.stall();
    p.consume(spans("a", 0, 1));
    await().until(() -> next.batchCount() == 1);
    p.consume(spans("b", 0, 1));

    Future<Void> c = p.consume(spans("c", 0, 2));

    assertThat(c.failed()).isTrue();
    assertThat(c.cause().getMessage()).startsWith("batch channel full for 0s");
    assertThat(counter("otelcol_processor_batch_wait_timeout_spans")).isEqualTo(2);
  }

  @Test
  void waitingCallerHearsBackOnItsOwnContext() throws Exception {
    BatchProcessor p = started(config(1, Duration.ofMillis(200), 0), 1);
    next.stall();
    p.consume(spans("a", 0, 1));
    await().until(() -> next.batchCount() == 1);
    p.consume(spans("b", 0, 1));
    Context context = vertx.getOrCreateContext();
    CompletableFuture<Context> completedOn = new CompletableFuture<>();

    context.runOnContext(v -> p.consume(spans("c", 0, 1))
        .onComplete(r -> completedOn.complete(Vertx.currentContext())));
    await().until(() -> p.waitingCallers() == 1);
    next.releaseOne();

    assertThat(completedOn.get(5, TimeUnit.SECONDS)).isSameAs(context);
  }

  @Test
  void shutdownTakesParkedCallersDataAndDrainsEverything() throws Exception {
    BatchProcessor p = started(config(2, Duration.ofMillis(200), 0), 1);
    next.stall();
    p.consume(spans("a", 0, 2));
    await().until(() -> next.batchCount() == 1);
    p.consume(spans("b", 0, 1));
    Future<Void> c = p.consume(spans("c", 0, 1));
    Future<Void> d = p.consume(spans("d", 0, 1));

    Future<Void> stopped = p.shutdown();
    assertThat(c.succeeded()).isTrue();
    assertThat(d.succeeded()).isTrue();
    // a's 2 spans in the stalled send, b in the channel, c and d taken from the parked callers.
    assertThat(p.heldSpans()).isEqualTo(5);
    Future<Void> e = p.consume(spans("e", 0, 1));
    assertThat(e.failed()).isTrue();
    assertThat(((ConsumerException) e.cause()).kind()).isEqualTo(ConsumerException.Kind.RETRYABLE);
    assertThat(e.cause().getMessage())
        .isEqualTo("batch processor batch is shutting down: the data was not taken");
    assertThat(stopped.isComplete()).isFalse();

    next.unstall();
    join(stopped);
    assertThat(next.batchNames())
        .containsExactly(List.of("a:0", "a:1"), List.of("b:0", "c:0"), List.of("d:0"));
    assertThat(counter("otelcol_processor_batch_batch_size_trigger_send")).isEqualTo(2);
    assertThat(counter("otelcol_processor_batch_timeout_trigger_send")).isEqualTo(1);
    assertThat(p.heldSpans()).isZero();
  }

  @Test
  void shutdownGivesUpAfterItsBoundAndSaysWhatWasLeft() {
    BatchProcessor p = started(config(2, Duration.ofMillis(200), 0), 1);
    next.stall();
    p.consume(spans("a", 0, 2));
    await().until(() -> next.batchCount() == 1);
    p.consume(spans("b", 0, 1));

    Future<Void> stopped = p.shutdown();
    clock.advance(Duration.ofSeconds(30));

    assertThat(stopped.failed()).isTrue();
    // The stalled send's 2 spans count too: they are not taken until the next stage answers.
    assertThat(stopped.cause().getMessage()).isEqualTo("processor batch: shutdown gave up after "
        + "30s with 3 accepted spans not yet taken by the next stage (a send is still unanswered)");
  }

  @Test
  void failedSendRecordsNoBatchMetricsAndIsNotRetried() {
    BatchProcessor p = started(config(2, Duration.ofMillis(200), 0), 1);
    next.failWith(ConsumerException.permanent("storage said no", null));

    p.consume(spans("a", 0, 2));
    awaitQuiet(p);

    assertThat(next.batchCount()).isEqualTo(1);
    assertThat(counter("otelcol_processor_batch_batch_size_trigger_send")).isZero();
    assertThat(registry.get("otelcol_processor_batch_batch_send_size").summary().count())
        .isZero();
    assertThat(p.heldSpans()).isZero();
  }

  @Test
  void sendThatThrowsIsTreatedAsFailedAndTheBatcherGoesOn() {
    BatchProcessor throwing = new BatchProcessor(settings(MetricsLevel.BASIC, "batch/throws"),
        config(1, Duration.ofMillis(200), 0),
        traces -> {
          next.consume(traces);
          throw new IllegalStateException("bug downstream");
        },
        tuning(1));
    processors.add(throwing);
    throwing.start(HOST);

    throwing.consume(spans("a", 0, 1));
    throwing.consume(spans("a", 1, 1));
    await().until(() -> next.batchCount() == 2);
    awaitQuiet(throwing);
    assertThat(throwing.heldSpans()).isZero();
    assertThat(next.batchNames()).containsExactly(List.of("a:0"), List.of("a:1"));
  }

  @Test
  void batchMetricsHaveExactValues() {
    BatchProcessor p = started(config(10, Duration.ofMillis(200), 0), 4);

    p.consume(spans("a", 0, 12));
    awaitQuiet(p);
    p.consume(spans("a", 12, 3));
    awaitQuiet(p);
    clock.advance(Duration.ofMillis(200));
    awaitQuiet(p);

    var sendSize = registry.get("otelcol_processor_batch_batch_send_size")
        .tag("processor", "batch").summary();
    assertThat(sendSize.count()).isEqualTo(2);
    assertThat(sendSize.totalAmount()).isEqualTo(15.0);
    var buckets = sendSize.takeSnapshot().histogramCounts();
    assertThat(buckets).hasSize(22);
    assertThat(buckets[0].bucket()).isEqualTo(10.0);
    assertThat(buckets[0].count()).isEqualTo(1.0);
    assertThat(buckets[1].bucket()).isEqualTo(25.0);
    assertThat(buckets[1].count()).isEqualTo(2.0);
    assertThat(buckets[21].bucket()).isEqualTo(100000.0);
    assertThat(counter("otelcol_processor_batch_batch_size_trigger_send")).isEqualTo(1);
    assertThat(counter("otelcol_processor_batch_timeout_trigger_send")).isEqualTo(1);
    assertThat(gauge("otelcol_processor_batch_metadata_cardinality")).isEqualTo(1.0);
    assertThat(registry.get("otelcol_processor_batch_wait_time").summary().count())
        .isEqualTo(2);
  }

  @Test
  void channelGaugesShowSlotsWaitersAndHeldSpans() {
    BatchProcessor p = started(config(2, Duration.ofMillis(200), 0), 2);
    next.stall();
    p.consume(spans("a", 0, 2));
    await().until(() -> next.batchCount() == 1);
    p.consume(spans("b", 0, 1));
    p.consume(spans("c", 0, 1));
    p.consume(spans("d", 0, 4));

    assertThat(gauge("otelcol_processor_batch_channel_capacity")).isEqualTo(2.0);
    assertThat(gauge("otelcol_processor_batch_channel_occupancy")).isEqualTo(2.0);
    assertThat(gauge("otelcol_processor_batch_waiting_callers")).isEqualTo(1.0);
    // b and c are accepted; a went to the next stage; d is not accepted yet.
    // a's 2 spans wait in the stalled send, b's and c's in the channel.
    assertThat(gauge("otelcol_processor_batch_held_spans")).isEqualTo(4.0);
  }

  @Test
  void gaugesAddUpInstancesSharingAnId() {
    started(config(2, Duration.ofMillis(200), 0), 2);
    started(config(2, Duration.ofMillis(200), 0), 3);

    assertThat(gauge("otelcol_processor_batch_channel_capacity")).isEqualTo(5.0);
  }

  @Test
  void noMetricsBelowBasic() {
    BatchProcessor p = new BatchProcessor(settings(MetricsLevel.NONE, "batch"),
        config(1, Duration.ofMillis(200), 0), next, tuning(1));
    processors.add(p);
    p.start(HOST);
    p.consume(spans("a", 0, 1));
    awaitQuiet(p);

    assertThat(registry.getMeters()).isEmpty();
    assertThat(next.batchCount()).isEqualTo(1);
  }

  @Test
  void capabilitiesSayTheProcessorMutates() {
    BatchProcessor p = started(config(1, Duration.ofMillis(200), 0), 1);

    assertThat(p.capabilities().mutatesData()).isTrue();
  }

  private BatchProcessor started(BatchConfig config, int capacity) {
    BatchProcessor p =
        new BatchProcessor(settings(MetricsLevel.BASIC, "batch"), config, next, tuning(capacity));
    processors.add(p);
    assertThat(p.start(HOST).succeeded()).isTrue();
    // The batcher arms its first tick when it starts; time must not move before that.
    awaitQuiet(p);
    return p;
  }

  private BatchTuning tuning(int capacity) {
    return BatchTuning.defaults().withChannelCapacity(capacity).withScheduler(clock);
  }

  private CreateSettings settings(MetricsLevel level, String id) {
    return new CreateSettings(ComponentId.parse(id), ComponentKind.PROCESSOR, vertx,
        new Telemetry(level, registry));
  }

  static BatchConfig config(int size, Duration timeout, int maxSize) {
    return new BatchConfig(size, timeout, maxSize, List.of(), 1000, Duration.ofSeconds(5));
  }

  private double counter(String name) {
    return registry.get(name).tag("processor", "batch").counter().count();
  }

  private double gauge(String name) {
    return registry.get(name).tag("processor", "batch").gauge().value();
  }

  private static void awaitQuiet(BatchProcessor p) {
    await().atMost(Duration.ofSeconds(5)).until(p::isQuiet);
  }

  private static void join(Future<Void> future) throws Exception {
    future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
