package io.sluice.processor.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.TracesConsumer;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's stress test: 64 producers, a next stage that stalls at random, a small channel and a
 * short {@code max_wait}, so callers park, time out and retry. Every span must come out exactly
 * once, in each producer's order, and the metrics must add up: accepted = sent + held.
 */
class BatchProcessorStressTest {
  private static final int PRODUCERS = 64;
  private static final int MAX_BATCH = 1024;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ConcurrentLinkedQueue<Traces> delivered = new ConcurrentLinkedQueue<>();
  private final AtomicLong deliveredSpans = new AtomicLong();
  private final AtomicLong acceptedSpans = new AtomicLong();
  private final AtomicLong acceptedCalls = new AtomicLong();
  private final AtomicLong refusedSpans = new AtomicLong();
  private final AtomicLong refusedCalls = new AtomicLong();
  private Vertx vertx;
  private ScheduledExecutorService stalls;
  private ExecutorService producers;

  @BeforeEach
  void startThreads() {
    vertx = Vertx.vertx();
    stalls = Executors.newSingleThreadScheduledExecutor();
    producers = Executors.newFixedThreadPool(PRODUCERS);
  }

  @AfterEach
  void stopThreads() {
    producers.shutdownNow();
    stalls.shutdownNow();
    vertx.close();
  }

  @Test
  void millionSpansComeOutOnceInProducerOrderUnderRandomStalls() throws Exception {
    runWith(1_000_000);
  }

  private void runWith(int totalSpans) throws Exception {
    int spansPerProducer = totalSpans / PRODUCERS;
    BatchConfig config = new BatchConfig(
        512, Duration.ofMillis(2), MAX_BATCH, List.of(), 1000, Duration.ofMillis(50));
    BatchProcessor processor = new BatchProcessor(
        new CreateSettings(ComponentId.parse("batch"), ComponentKind.PROCESSOR, vertx,
            new Telemetry(MetricsLevel.BASIC, registry)),
        config, stallingAtRandom(), BatchTuning.defaults().withChannelCapacity(4));
    processor.start(BatchProcessorTest.HOST);

    List<java.util.concurrent.Future<?>> running = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      String name = "p" + p;
      running.add(producers.submit(() -> produce(processor, name, spansPerProducer)));
    }
    for (java.util.concurrent.Future<?> f : running) {
      f.get(120, TimeUnit.SECONDS);
    }

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(deliveredSpans.get() + gauge("otelcol_processor_batch_held_spans"))
            .isEqualTo(acceptedSpans.get()));
    processor.shutdown().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(acceptedSpans.get()).isEqualTo((long) spansPerProducer * PRODUCERS);
    assertThat(deliveredSpans.get()).isEqualTo(acceptedSpans.get());
    assertThat(processor.heldSpans()).isZero();
    assertEachProducerInOrderExactlyOnce(spansPerProducer);
    assertMetricsAddUp();
  }

  // Waits for each answer before sending the next chunk; a refusal is retried, as a client would.
  private void produce(BatchProcessor processor, String producer, int spansPerProducer) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int sequence = 0;
    while (sequence < spansPerProducer) {
      int count = Math.min(random.nextInt(1, 41), spansPerProducer - sequence);
      Traces chunk = TestTraces.spans(producer, sequence, count);
      try {
        processor.consume(chunk).toCompletionStage().toCompletableFuture().join();
        acceptedSpans.addAndGet(count);
        acceptedCalls.incrementAndGet();
        sequence += count;
      } catch (CompletionException refused) {
        refusedSpans.addAndGet(count);
        refusedCalls.incrementAndGet();
      }
    }
  }

  private TracesConsumer stallingAtRandom() {
    return traces -> {
      delivered.add(traces);
      deliveredSpans.addAndGet(traces.spanCount());
      ThreadLocalRandom random = ThreadLocalRandom.current();
      if (random.nextInt(10) != 0) {
        return Future.succeededFuture();
      }
      Promise<Void> promise = Promise.promise();
      Runnable answer = promise::complete;
      stalls.schedule(answer, random.nextInt(100, 5_000), TimeUnit.MICROSECONDS);
      return promise.future();
    };
  }

  private void assertEachProducerInOrderExactlyOnce(int spansPerProducer) {
    int[] nextSequence = new int[PRODUCERS];
    for (Traces batch : delivered) {
      assertThat(batch.spanCount()).isLessThanOrEqualTo(MAX_BATCH);
      for (String name : TestTraces.names(batch)) {
        int colon = name.indexOf(':');
        int producer = Integer.parseInt(name.substring(1, colon));
        int sequence = Integer.parseInt(name.substring(colon + 1));
        if (sequence != nextSequence[producer]) {
          assertThat(sequence).as(name).isEqualTo(nextSequence[producer]);
        }
        nextSequence[producer]++;
      }
    }
    for (int p = 0; p < PRODUCERS; p++) {
      assertThat(nextSequence[p]).as("spans of p" + p).isEqualTo(spansPerProducer);
    }
  }

  // Every send succeeded, so the send-size histogram holds exactly the delivered spans.
  private void assertMetricsAddUp() {
    DistributionSummary sendSize = summary("otelcol_processor_batch_batch_send_size");
    assertThat((long) sendSize.totalAmount()).isEqualTo(deliveredSpans.get());
    assertThat(sendSize.count()).isEqualTo(delivered.size());
    assertThat(counter("otelcol_processor_batch_batch_size_trigger_send")
        + counter("otelcol_processor_batch_timeout_trigger_send"))
        .isEqualTo(delivered.size());
    assertThat(counter("otelcol_processor_batch_wait_timeout_spans"))
        .isEqualTo(refusedSpans.get());
    assertThat(summary("otelcol_processor_batch_wait_time").count())
        .isEqualTo(acceptedCalls.get() + refusedCalls.get());
    assertThat(gauge("otelcol_processor_batch_held_spans")).isZero();
  }

  private DistributionSummary summary(String name) {
    return registry.get(name).tag("processor", "batch").summary();
  }

  private long counter(String name) {
    return (long) registry.get(name).tag("processor", "batch").counter().count();
  }

  private long gauge(String name) {
    return (long) registry.get(name).tag("processor", "batch").gauge().value();
  }
}
