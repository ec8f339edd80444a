package io.sluice.processor.batch;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.Capabilities;
import io.sluice.pipeline.ClientMetadata;
import io.sluice.pipeline.ConsumerException;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code batch} processor (spec collector-runtime.md §4.2): callers put their spans in a
 * bounded channel, a batcher thread groups them and sends each batch to the next stage, waiting
 * for it before taking more.
 *
 * <p>{@link #consume} never blocks: when the channel is full the caller's future waits, in FIFO
 * order, for a slot, up to {@code max_wait}; then it fails with a retryable
 * {@link io.sluice.pipeline.ConsumerException} and the data was not taken. A future that had to
 * wait completes on the caller's Vert.x context. Failed sends are logged ({@code Sender failed})
 * and dropped here; the exporter counts them.
 *
 * <p>With no {@code metadata_keys} there is one shard. With keys, each distinct combination of
 * their values in {@link Traces#metadata()} gets its own shard (channel, thread, tick, batches),
 * created on first use and kept until shutdown, and its batches carry those values as their
 * metadata. Past {@code metadata_cardinality_limit} shards (0 = no limit) a new combination fails
 * permanently with {@value #TOO_MANY_SHARDS}.
 */
public final class BatchProcessor implements Processor {
  /** The collector's error for a combination past {@code metadata_cardinality_limit}. */
  static final String TOO_MANY_SHARDS = "too many batcher metadata-value combinations";

  private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

  private final String id;
  private final BatchConfig config;
  private final BatchTuning tuning;
  private final TracesConsumer next;
  private final TickScheduler scheduler;
  private final boolean ownsScheduler;
  private final BatchMetrics metrics;
  private final AtomicLong heldSpans = new AtomicLong();
  // Lowercased and sorted; empty in single-shard mode.
  private final List<String> metadataKeys;
  // The only shard in single-shard mode, null with metadata_keys.
  @Nullable private final Shard singleShard;
  // Shards by their values of metadataKeys; written under this, read without it.
  private final Map<List<List<String>>, Shard> shards = new ConcurrentHashMap<>();
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
    this.next = requireNonNull(next, "next");
    this.id = settings.id().toString();
    this.ownsScheduler = tuning.scheduler() == null;
    this.scheduler = ownsScheduler ? TickScheduler.system("sluice-batch-timer-" + id)
        : tuning.scheduler();
    this.metrics = BatchMetrics.create(settings.telemetry(), settings.id());
    this.metadataKeys = normalized(config.metadataKeys());
    if (metadataKeys.isEmpty()) {
      singleShard = newShard("sluice-batch-" + id, ClientMetadata.EMPTY);
      shards.put(List.of(), singleShard);
    } else {
      singleShard = null;
    }
    metrics.attach(gaugeSource);
  }

  /** Starts the batcher threads and their flush ticks. */
  @Override
  public synchronized Future<Void> start(Host host) {
    if (started) {
      return Future.succeededFuture();
    }
    started = true;
    shards.values().forEach(Shard::start);
    return Future.succeededFuture();
  }

  /**
   * Takes {@code traces} into its shard's channel; completes at once when a slot is free, later
   * when the caller had to wait, or fails retryably after {@code max_wait} or once shutting
   * down, and permanently when a new shard would pass {@code metadata_cardinality_limit}. A
   * batch with no spans is ignored and succeeds.
   */
  @Override
  public Future<Void> consume(Traces traces) {
    if (traces.isEmpty()) {
      return Future.succeededFuture();
    }
    if (singleShard != null) {
      return singleShard.channel().offer(traces);
    }
    List<List<String>> values = shardValues(traces.metadata());
    Shard shard = shards.get(values);
    if (shard == null) {
      try {
        shard = addShard(values);
      } catch (ConsumerException e) {
        return Future.failedFuture(e);
      }
    }
    return shard.channel().offer(traces);
  }

  /** Returns that the processor mutates data, as the collector's batch processor declares. */
  @Override
  public Capabilities capabilities() {
    return Capabilities.MUTATES;
  }

  /**
   * Stops taking data, accepts the parked callers' data, drains every shard's channel, sends
   * what is left (counted as a timeout trigger) and completes once the last send is answered.
   * Fails after the shutdown bound, naming the spans that were not sent.
   */
  @Override
  public synchronized Future<Void> shutdown() {
    if (shutdownPromise != null) {
      return shutdownPromise.future();
    }
    Context context = Vertx.currentContext();
    Promise<Void> promise = Promise.promise();
    shutdownPromise = promise;
    Collection<Shard> all = List.copyOf(shards.values());
    all.forEach(shard -> shard.channel().close());
    if (!started) {
      // Nothing should be held before start, but whatever is gets drained the same way.
      started = true;
      all.forEach(Shard::start);
    }
    TickScheduler.Cancellable bound = scheduler.schedule(
        tuning.shutdownTimeout(), () -> shutdownTimedOut(promise, context, all));
    CompletableFuture.allOf(all.stream().map(Shard::done).toArray(CompletableFuture[]::new))
        .whenComplete((v, e) -> finishShutdown(promise, context, bound));
    return promise.future();
  }

  /** Returns the spans accepted but not yet handed to the next stage. */
  long heldSpans() {
    return heldSpans.get();
  }

  /** Returns the number of batches in the channels. */
  int channelOccupancy() {
    return shards.values().stream().mapToInt(s -> s.channel().occupancy()).sum();
  }

  /** Returns the number of callers waiting for a slot. */
  int waitingCallers() {
    return shards.values().stream().mapToInt(s -> s.channel().waitingCallers()).sum();
  }

  /** Returns the number of shards: 1 in single-shard mode. */
  int shardCount() {
    return shards.size();
  }

  /** Returns true when every batcher is idle with nothing to do: for tests. */
  boolean isQuiet() {
    return shards.values().stream().allMatch(s -> s.channel().isQuiet());
  }

  private Shard newShard(String threadName, ClientMetadata metadata) {
    return new Shard(id, threadName, metadata, config, tuning, next, scheduler, metrics,
        heldSpans, LOG);
  }

  // A missing key is an empty value list, so data without it has a shard of its own.
  private List<List<String>> shardValues(ClientMetadata metadata) {
    List<List<String>> values = new ArrayList<>(metadataKeys.size());
    for (String key : metadataKeys) {
      values.add(metadata.get(key));
    }
    return values;
  }

  private synchronized Shard addShard(List<List<String>> values) {
    Shard existing = shards.get(values);
    if (existing != null) {
      return existing;
    }
    if (shutdownPromise != null) {
      throw ConsumerException.retryable(
          "batch processor " + id + " is shutting down: the data was not taken",
          BatchChannel.RETRY_AFTER);
    }
    int limit = config.metadataCardinalityLimit();
    if (limit > 0 && shards.size() >= limit) {
      throw ConsumerException.permanent(TOO_MANY_SHARDS, null);
    }
    Shard shard = newShard("sluice-batch-" + id + "-" + shards.size(), shardMetadata(values));
    shards.put(List.copyOf(values), shard);
    if (started) {
      shard.start();
    }
    return shard;
  }

  // Only the keys that have values, as the collector builds the shard's client info.
  private ClientMetadata shardMetadata(List<List<String>> values) {
    Map<String, List<String>> present = new LinkedHashMap<>();
    for (int i = 0; i < metadataKeys.size(); i++) {
      if (!values.get(i).isEmpty()) {
        present.put(metadataKeys.get(i), values.get(i));
      }
    }
    return ClientMetadata.of(present);
  }

  private static List<String> normalized(List<String> keys) {
    return keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).sorted().distinct().toList();
  }

  private void shutdownTimedOut(
      Promise<Void> promise, @Nullable Context context, Collection<Shard> all) {
    if (!shutdownSettled.compareAndSet(false, true)) {
      return;
    }
    String message = "processor " + id + ": shutdown gave up after "
        + GoTime.duration(tuning.shutdownTimeout()) + " with " + heldSpans.get()
        + " accepted spans not yet taken by the next stage (a send is still unanswered)";
    LOG.warn(message);
    settle(promise, context, new IllegalStateException(message));
    all.forEach(Shard::interrupt);
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
      return BatchProcessor.this.channelOccupancy();
    }

    @Override
    public int channelCapacity() {
      return tuning.channelCapacity() * shards.size();
    }

    @Override
    public int waitingCallers() {
      return BatchProcessor.this.waitingCallers();
    }

    @Override
    public long heldSpans() {
      return heldSpans.get();
    }

    @Override
    public boolean multiShard() {
      return singleShard == null;
    }

    @Override
    public int metadataCardinality() {
      return shards.size();
    }
  }
}
