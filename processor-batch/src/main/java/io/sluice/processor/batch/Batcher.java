package io.sluice.processor.batch;

import io.sluice.pipeline.ClientMetadata;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.TracesConsumer;
import io.sluice.processor.batch.BatchMetrics.Trigger;
import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batcher thread's loop (spec §4.2): takes batches from the channel, accumulates them and
 * sends on size, on the flush tick, and once more at shutdown.
 *
 * <p>The tick is periodic: it is re-armed after it fires and after a size-triggered send, never
 * when data arrives, so a partial batch waits at most {@code timeout} from the last tick or
 * flush. A send waits for the next stage's future before the loop goes on; that is how a full
 * exporter queue slows the batcher, fills the channel and reaches the callers.
 */
final class Batcher implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);

  private final String processorId;
  private final BatchConfig config;
  private final BatchChannel channel;
  private final TracesConsumer next;
  private final TickScheduler scheduler;
  private final BatchMetrics metrics;
  private final AtomicLong heldSpans;
  private final SenderFailureLog failures;
  private final ClientMetadata metadata;
  private final Runnable onExit;

  // Owned by the batcher thread.
  private final PendingBatch pending = new PendingBatch();
  @Nullable private TickScheduler.Cancellable timer;
  private boolean draining;

  Batcher(
      String processorId,
      BatchConfig config,
      BatchChannel channel,
      TracesConsumer next,
      TickScheduler scheduler,
      BatchMetrics metrics,
      AtomicLong heldSpans,
      SenderFailureLog failures,
      ClientMetadata metadata,
      Runnable onExit) {
    this.processorId = processorId;
    this.config = config;
    this.channel = channel;
    this.next = next;
    this.scheduler = scheduler;
    this.metrics = metrics;
    this.heldSpans = heldSpans;
    this.failures = failures;
    this.metadata = metadata;
    this.onExit = onExit;
  }

  @Override
  public void run() {
    try {
      loop();
    } catch (InterruptedException e) {
      LOG.warn("processor {}: batcher interrupted, {} accepted spans were not sent",
          processorId, heldSpans.get());
    } catch (RuntimeException | Error e) {
      LOG.error("processor {}: batcher stopped by a bug; callers will be refused after max_wait",
          processorId, e);
    } finally {
      cancelTimer();
      failures.flush();
      onExit.run();
    }
  }

  private void loop() throws InterruptedException {
    resetTimer();
    while (true) {
      BatchChannel.Event event = channel.awaitEvent();
      switch (event.kind()) {
        case ITEM -> onItem(event.traces());
        case TICK -> onTick();
        case SHUTDOWN -> {
          drain();
          return;
        }
      }
    }
  }

  private void onItem(Traces traces) throws InterruptedException {
    pending.add(traces);
    boolean sent = false;
    while (pending.spanCount() > 0
        && (!config.hasTimer() || pending.spanCount() >= config.sendBatchSize())) {
      send(Trigger.SIZE);
      sent = true;
    }
    if (sent) {
      resetTimer();
    }
  }

  private void onTick() throws InterruptedException {
    if (pending.spanCount() > 0) {
      send(Trigger.TIMEOUT);
    }
    resetTimer();
  }

  // The shutdown flush counts as a timeout trigger, as in the collector.
  private void drain() throws InterruptedException {
    draining = true;
    cancelTimer();
    for (Traces traces : channel.drain()) {
      onItem(traces);
    }
    if (pending.spanCount() > 0) {
      send(Trigger.TIMEOUT);
    }
  }

  private void send(Trigger trigger) throws InterruptedException {
    // A shard's batches carry its metadata, as the collector exports with the shard's client info.
    Traces batch = pending.take(config.sendBatchMaxSize()).withMetadata(metadata);
    // The spans stay "held" until the next stage has taken them (its future completed), so a
    // batch waiting on a full exporter queue is still visible in the gauge.
    Throwable error = exportAndWait(batch);
    heldSpans.addAndGet(-batch.spanCount());
    if (error == null) {
      metrics.sent(batch.spanCount(), trigger);
    } else {
      failures.failed(error, batch.spanCount());
    }
  }

  @Nullable
  private Throwable exportAndWait(Traces batch) throws InterruptedException {
    Future<Void> result;
    try {
      result = next.consume(batch);
    } catch (RuntimeException e) {
      return e;
    }
    try {
      result.toCompletionStage().toCompletableFuture().get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  private void resetTimer() {
    if (!config.hasTimer() || draining) {
      return;
    }
    cancelTimer();
    long generation = channel.newTickGeneration();
    timer = scheduler.schedule(config.timeout(), () -> channel.tick(generation));
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
