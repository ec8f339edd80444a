package io.sluice.processor.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.Test;

class BatchProcessorStressTest {
  private static final int PRODUCERS = 64;
  private static final int SPANS = 200_000;
  private static final int SPANS_PER_PRODUCER = SPANS / PRODUCERS;

  private final ConcurrentLinkedQueue<Traces> delivered = new ConcurrentLinkedQueue<>();
  private final AtomicLong deliveredSpans = new AtomicLong();
  private final AtomicLong acceptedSpans = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();

  @Test
  void everySpanComesOutOnceInProducerOrderUnderRandomStalls() throws Exception {
    Vertx vertx = Vertx.vertx();
    ScheduledExecutorService stalls = Executors.newSingleThreadScheduledExecutor();
    ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
    try {
      BatchConfig config = new BatchConfig(
          512, Duration.ofMillis(2), 1024, List.of(), 1000, Duration.ofMillis(50));
      BatchProcessor processor = new BatchProcessor(
          new CreateSettings(ComponentId.parse("batch"), ComponentKind.PROCESSOR, vertx,
              new Telemetry(MetricsLevel.BASIC, new SimpleMeterRegistry())),
          config, stallingAtRandom(stalls), BatchTuning.defaults().withChannelCapacity(4));
      processor.start(BatchProcessorTest.HOST);

      List<java.util.concurrent.Future<?>> running = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        String name = "p" + p;
        running.add(producers.submit(() -> produce(processor, name)));
      }
      for (java.util.concurrent.Future<?> f : running) {
        f.get(60, TimeUnit.SECONDS);
      }

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(deliveredSpans.get() + processor.heldSpans())
              .isEqualTo(acceptedSpans.get()));
      processor.shutdown().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(acceptedSpans.get()).isEqualTo((long) SPANS_PER_PRODUCER * PRODUCERS);
      assertThat(deliveredSpans.get()).isEqualTo(acceptedSpans.get());
      assertThat(processor.heldSpans()).isZero();
      assertEachProducerInOrderExactlyOnce();
    } finally {
      producers.shutdownNow();
      stalls.shutdownNow();
      vertx.close();
    }
  }

  // Waits for each answer before sending the next chunk; a refusal is retried, as a client would.
  private void produce(BatchProcessor processor, String producer) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int sequence = 0;
    while (sequence < SPANS_PER_PRODUCER) {
      int count = Math.min(random.nextInt(1, 41), SPANS_PER_PRODUCER - sequence);
      Traces chunk = TestTraces.spans(producer, sequence, count);
      try {
        processor.consume(chunk).toCompletionStage().toCompletableFuture().join();
        acceptedSpans.addAndGet(count);
        sequence += count;
      } catch (CompletionException refused) {
        refusals.incrementAndGet();
      }
    }
  }

  private TracesConsumer stallingAtRandom(ScheduledExecutorService stalls) {
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

  private void assertEachProducerInOrderExactlyOnce() {
    int[] nextSequence = new int[PRODUCERS];
    for (Traces batch : delivered) {
      assertThat(batch.spanCount()).isLessThanOrEqualTo(1024);
      for (String name : TestTraces.names(batch)) {
        int colon = name.indexOf(':');
        int producer = Integer.parseInt(name.substring(1, colon));
        int sequence = Integer.parseInt(name.substring(colon + 1));
        assertThat(sequence).as(name).isEqualTo(nextSequence[producer]);
        nextSequence[producer]++;
      }
    }
    for (int p = 0; p < PRODUCERS; p++) {
      assertThat(nextSequence[p]).as("spans of p" + p).isEqualTo(SPANS_PER_PRODUCER);
    }
  }
}
