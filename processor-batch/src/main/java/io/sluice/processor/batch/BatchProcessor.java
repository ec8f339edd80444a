package io.sluice.processor.batch;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.Capabilities;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.Processor;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.TracesConsumer;
import io.sluice.pipeline.go.GoTime;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code batch} processor in single-shard mode (spec collector-runtime.md §4.2): callers put
 * their spans in a bounded channel, one batcher thread groups them and sends each batch to the
 * next stage, waiting for it before taking more.
 *
 * <p>{@link #consume} never blocks: when the channel is full the caller's future waits, in FIFO
 * order, for a slot, up to {@code max_wait}; then it fails with a retryable
 * {@link io.sluice.pipeline.ConsumerException} and the data was not taken. A future that had to
 * wait completes on the caller's Vert.x context. Failed sends are logged ({@code Sender failed})
 * and dropped here; the exporter counts them.
 */
public final class BatchProcessor implements Processor {
  private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);
  private static final int FAILURE_LOG_BURST = 5;
  private static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(10);

  private final String id;
  private final BatchConfig config;
  private final BatchTuning tuning;
  private final TickScheduler scheduler;
  private final boolean ownsScheduler;
  private final BatchMetrics metrics;
  private final AtomicLong heldSpans = new AtomicLong();
  private final BatchChannel channel;
  private final Thread batcherThread;
  private final CompletableFuture<Void> batcherDone = new CompletableFuture<>();
  // Decides once whether shutdown ended in time or gave up; the loser does not touch the promise.
  private final AtomicBoolean shutdownSettled = new AtomicBoolean();
  private final BatchMetrics.Source gaugeSource = new GaugeSource();

  // Guarded by this.
  private boolean started;
  @Nullable private Promise<Void> shutdownPromise;

  /** Creates a processor with the production tuning (CPU-count channel, system clock). */
  public BatchProcessor(CreateSettings settings, BatchConfig config, TracesConsumer next) {
    this(settings, config, next, BatchTuning.defaults());
  }

  /** Creates a processor with explicit channel capacity, shutdown bound and clock. */
  public BatchProcessor(
      CreateSettings settings, BatchConfig config, TracesConsumer next, BatchTuning tuning) {
    requireNonNull(settings, "settings");
    this.config = requireNonNull(config, "config");
    this.tuning = requireNonNull(tuning, "tuning");
    requireNonNull(next, "next");
    this.id = settings.id().toString();
    this.ownsScheduler = tuning.scheduler() == null;
    this.scheduler = ownsScheduler ? TickScheduler.system("sluice-batch-timer-" + id)
        : tuning.scheduler();
    this.metrics = BatchMetrics.create(settings.telemetry(), settings.id());
    this.channel = new BatchChannel(
        id, tuning.channelCapacity(), config.maxWait(), scheduler, metrics, heldSpans);
    SenderFailureLog failures = new SenderFailureLog(
        LOG, id, FAILURE_LOG_BURST, FAILURE_LOG_INTERVAL, scheduler::nanoTime);
    Batcher batcher = new Batcher(id, config, channel, next, scheduler, metrics, heldSpans,
        failures, () -> batcherDone.complete(null));
    this.batcherThread = new Thread(batcher, "sluice-batch-" + id);
    // A batcher stuck on a dead exporter after the shutdown bound must not keep the JVM alive.
    batcherThread.setDaemon(true);
    metrics.attach(gaugeSource);
  }

  /** Starts the batcher thread and the flush tick. */
  @Override
  public synchronized Future<Void> start(Host host) {
    if (started) {
      return Future.succeededFuture();
    }
    started = true;
    warnIfMetadataKeys();
    batcherThread.start();
    return Future.succeededFuture();
  }

  /**
   * Takes {@code traces} into the channel; completes at once when a slot is free, later when the
   * caller had to wait, or fails retryably after {@code max_wait} or once shutting down. A batch
   * with no spans is ignored and succeeds.
   */
  @Override
  public Future<Void> consume(Traces traces) {
    if (traces.isEmpty()) {
      return Future.succeededFuture();
    }
    return channel.offer(traces);
  }

  /** Returns that the processor mutates data, as the collector's batch processor declares. */
  @Override
  public Capabilities capabilities() {
    return Capabilities.MUTATES;
  }

  /**
   * Stops taking data, accepts the parked callers' data, drains the channel, sends what is left
   * (counted as a timeout trigger) and completes once the last send is answered. Fails after the
   * shutdown bound, naming the spans that were not sent.
   */
  @Override
  public synchronized Future<Void> shutdown() {
    if (shutdownPromise != null) {
      return shutdownPromise.future();
    }
    Context context = Vertx.currentContext();
    Promise<Void> promise = Promise.promise();
    shutdownPromise = promise;
    channel.close();
    if (!started) {
      // Nothing should be held before start, but whatever is gets drained the same way.
      started = true;
      batcherThread.start();
    }
    TickScheduler.Cancellable bound =
        scheduler.schedule(tuning.shutdownTimeout(), () -> shutdownTimedOut(promise, context));
    batcherDone.whenComplete((v, e) -> finishShutdown(promise, context, bound));
    return promise.future();
  }

  /** Returns the spans accepted but not yet handed to the next stage. */
  long heldSpans() {
    return heldSpans.get();
  }

  /** Returns the number of batches in the channel. */
  int channelOccupancy() {
    return channel.occupancy();
  }

  /** Returns the number of callers waiting for a slot. */
  int waitingCallers() {
    return channel.waitingCallers();
  }

  /** Returns true when the batcher is idle with nothing to do: for tests. */
  boolean isQuiet() {
    return channel.isQuiet();
  }

  private void warnIfMetadataKeys() {
    if (!config.metadataKeys().isEmpty()) {
      LOG.warn("processor {}: metadata_keys {} accepted but not used: Sluice receivers carry no "
          + "client metadata, so all data goes to one shard, as in the collector when the "
          + "receiver has include_metadata off", id, config.metadataKeys());
    }
  }

  private void shutdownTimedOut(Promise<Void> promise, @Nullable Context context) {
    if (!shutdownSettled.compareAndSet(false, true)) {
      return;
    }
    String message = "processor " + id + ": shutdown gave up after "
        + GoTime.duration(tuning.shutdownTimeout()) + " with " + heldSpans.get()
        + " accepted spans not yet taken by the next stage (a send is still unanswered)";
    LOG.warn(message);
    settle(promise, context, new IllegalStateException(message));
    batcherThread.interrupt();
  }

  private void finishShutdown(
      Promise<Void> promise, @Nullable Context context, TickScheduler.Cancellable bound) {
    bound.cancel();
    metrics.detach(gaugeSource);
    if (ownsScheduler) {
      scheduler.close();
    }
    if (shutdownSettled.compareAndSet(false, true)) {
      settle(promise, context, null);
    }
  }

  private static void settle(
      Promise<Void> promise, @Nullable Context context, @Nullable Throwable error) {
    Runnable complete = () -> {
      if (error == null) {
        promise.tryComplete();
      } else {
        promise.tryFail(error);
      }
    };
    if (context == null) {
      complete.run();
    } else {
      context.runOnContext(v -> complete.run());
    }
  }

  /** What the shared gauges read from this instance. */
  private final class GaugeSource implements BatchMetrics.Source {
    @Override
    public int channelOccupancy() {
      return channel.occupancy();
    }

    @Override
    public int channelCapacity() {
      return channel.capacity();
    }

    @Override
    public int waitingCallers() {
      return channel.waitingCallers();
    }

    @Override
    public long heldSpans() {
      return heldSpans.get();
    }
  }
}
