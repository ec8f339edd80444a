package io.sluice.processor.batch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;

/**
 * The batch processor's metrics: the collector's four (spec §4.3) and Sluice's channel metrics.
 *
 * <p>All carry {@code processor="<id>"} and exist only at level basic or above; below that they
 * record into a registry nobody reads. A pipeline-per-instance processor means one id can have
 * several instances in one registry (one per pipeline); counters and histograms are then shared,
 * as in the collector, and the gauges report the sum over the live instances.
 */
final class BatchMetrics {
  /** The bucket bounds of {@code otelcol_processor_batch_batch_send_size}, as the collector's. */
  static final double[] SEND_SIZE_BUCKETS = {
    10, 25, 50, 75, 100, 250, 500, 750, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000,
    10000, 20000, 30000, 50000, 100000
  };

  /** The bucket bounds of {@code otelcol_processor_batch_wait_time}, in milliseconds. */
  static final double[] WAIT_TIME_BUCKETS_MILLIS = {
    1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000
  };

  /** What the gauges read from one processor instance; called from the scraping thread. */
  interface Source {
    int channelOccupancy();

    int channelCapacity();

    int waitingCallers();

    long heldSpans();

    /** Returns true when the instance has {@code metadata_keys}, so shards come and go. */
    default boolean multiShard() {
      return false;
    }

    /** Returns the instance's number of shards. */
    default int metadataCardinality() {
      return 1;
    }
  }

  /** Why a batch was sent: the collector counts the two triggers apart. */
  enum Trigger {
    SIZE,
    TIMEOUT
  }

  // One group per registry and id, so that instances sharing an id share their gauges.
  private static final Map<MeterRegistry, Map<ComponentId, Group>> GROUPS = new WeakHashMap<>();

  private final DistributionSummary sendSize;
  private final Counter sizeTrigger;
  private final Counter timeoutTrigger;
  private final DistributionSummary waitTimeMillis;
  private final Counter waitTimeoutSpans;
  private final Group group;

  private BatchMetrics(MeterRegistry registry, ComponentId id) {
    String processor = id.toString();
    sendSize = DistributionSummary.builder("otelcol_processor_batch_batch_send_size")
        .description("Number of units in the batch")
        .tag("processor", processor)
        .serviceLevelObjectives(SEND_SIZE_BUCKETS)
        .register(registry);
    sizeTrigger = counter(registry, "otelcol_processor_batch_batch_size_trigger_send",
        "Number of times the batch was sent due to a size trigger", processor);
    timeoutTrigger = counter(registry, "otelcol_processor_batch_timeout_trigger_send",
        "Number of times the batch was sent due to a timeout trigger", processor);
    waitTimeMillis = DistributionSummary.builder("otelcol_processor_batch_wait_time")
        .description("Milliseconds a caller waited for a batch channel slot (0 when one was free)")
        .tag("processor", processor)
        .serviceLevelObjectives(WAIT_TIME_BUCKETS_MILLIS)
        .register(registry);
    waitTimeoutSpans = counter(registry, "otelcol_processor_batch_wait_timeout_spans",
        "Number of spans refused because no batch channel slot freed within max_wait", processor);
    group = group(registry, id);
  }

  /** Returns the metrics of processor {@code id}, registered when the level is basic or more. */
  static BatchMetrics create(Telemetry telemetry, ComponentId id) {
    MeterRegistry registry = telemetry.level().atLeast(MetricsLevel.BASIC)
        ? telemetry.registry()
        : new CompositeMeterRegistry();
    return new BatchMetrics(registry, id);
  }

  /** Adds an instance to the gauges. */
  void attach(Source source) {
    group.sources.add(source);
  }

  /** Removes an instance from the gauges, once it has shut down. */
  void detach(Source source) {
    group.sources.remove(source);
  }

  /** Records a successful send of {@code spans} spans. */
  void sent(int spans, Trigger trigger) {
    sendSize.record(spans);
    (trigger == Trigger.SIZE ? sizeTrigger : timeoutTrigger).increment();
  }

  /** Records how long a caller waited for a slot, whatever the outcome. */
  void waited(long nanos) {
    waitTimeMillis.record(nanos / 1_000_000.0);
  }

  /** Records spans refused because the wait bound expired. */
  void waitTimedOut(int spans) {
    waitTimeoutSpans.increment(spans);
  }

  private static Counter counter(
      MeterRegistry registry, String name, String help, String processor) {
    return Counter.builder(name).description(help).tag("processor", processor).register(registry);
  }

  private static Group group(MeterRegistry registry, ComponentId id) {
    synchronized (GROUPS) {
      return GROUPS.computeIfAbsent(registry, r -> new HashMap<>())
          .computeIfAbsent(id, i -> new Group(registry, i.toString()));
    }
  }

  /** The live instances of one id in one registry, and the gauges that add them up. */
  private static final class Group {
    private final List<Source> sources = new CopyOnWriteArrayList<>();

    Group(MeterRegistry registry, String processor) {
      Gauge.builder("otelcol_processor_batch_metadata_cardinality", this, Group::cardinality)
          .description("Number of distinct metadata value combinations being processed")
          .tag("processor", processor)
          .strongReference(true)
          .register(registry);
      gauge(registry, "otelcol_processor_batch_channel_occupancy",
          "Number of batches in the batch channel", processor, Source::channelOccupancy);
      gauge(registry, "otelcol_processor_batch_channel_capacity",
          "Number of slots in the batch channel", processor, Source::channelCapacity);
      gauge(registry, "otelcol_processor_batch_waiting_callers",
          "Number of callers waiting for a batch channel slot", processor,
          Source::waitingCallers);
      gauge(registry, "otelcol_processor_batch_held_spans",
          "Number of spans accepted but not yet handed to the next stage", processor,
          Source::heldSpans);
    }

    private void gauge(
        MeterRegistry registry,
        String name,
        String help,
        String processor,
        ToLongFunction<Source> read) {
      Gauge.builder(name, this, g -> g.sum(read))
          .description(help)
          .tag("processor", processor)
          .strongReference(true)
          .register(registry);
    }

    // Single-shard instances always report 1, as the collector; with metadata_keys the shards
    // of every live instance are added up.
    private double cardinality() {
      boolean anyMultiShard = sources.stream().anyMatch(Source::multiShard);
      return anyMultiShard ? sum(Source::metadataCardinality) : 1;
    }

    private double sum(ToLongFunction<Source> read) {
      long total = 0;
      for (Source source : sources) {
        total += read.applyAsLong(source);
      }
      return total;
    }
  }
}
