package io.sluice.processor.batch;

import io.sluice.pipeline.ClientMetadata;
import io.sluice.pipeline.TracesConsumer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * One batcher of a batch processor: its channel, its thread and the client metadata its
 * batches carry. Single-shard mode has one, with empty metadata; {@code metadata_keys} make one
 * per distinct combination of those keys' values (spec §4.2, multi-shard paragraph).
 */
final class Shard {
  private static final int FAILURE_LOG_BURST = 5;
  private static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(10);

  private final BatchChannel channel;
  private final Thread thread;
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  Shard(
      String processorId,
      String threadName,
      ClientMetadata metadata,
      BatchConfig config,
      BatchTuning tuning,
      TracesConsumer next,
      TickScheduler scheduler,
      BatchMetrics metrics,
      AtomicLong heldSpans,
      Logger log) {
    this.channel = new BatchChannel(
        processorId, tuning.channelCapacity(), config.maxWait(), scheduler, metrics, heldSpans);
    SenderFailureLog failures = new SenderFailureLog(
        log, processorId, FAILURE_LOG_BURST, FAILURE_LOG_INTERVAL, scheduler::nanoTime);
    Batcher batcher = new Batcher(processorId, config, channel, next, scheduler, metrics,
        heldSpans, failures, metadata, () -> done.complete(null));
    this.thread = new Thread(batcher, threadName);
    // A batcher stuck on a dead exporter after the shutdown bound must not keep the JVM alive.
    thread.setDaemon(true);
  }

  /** Returns the channel callers put their spans in. */
  BatchChannel channel() {
    return channel;
  }

  /** Starts the batcher thread; call once. */
  void start() {
    thread.start();
  }

  /** Returns a future completed when the batcher thread has exited. */
  CompletableFuture<Void> done() {
    return done;
  }

  /** Interrupts a batcher stuck past the shutdown bound. */
  void interrupt() {
    thread.interrupt();
  }
}
