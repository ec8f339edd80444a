package io.sluice.processor.memorylimiter;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Processor;
import io.sluice.pipeline.ProcessorFactory;
import io.sluice.pipeline.TracesConsumer;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Makes {@code memory_limiter} processors and decodes their config.
 *
 * <p>All pipelines that use one id share one {@link MemoryLimiter} (see {@link SharedLimiters}),
 * so the heap is checked once per id whatever the number of pipelines.
 */
public final class MemoryLimiterProcessorFactory implements ProcessorFactory<MemoryLimiterConfig> {
  /** The type name in config files. */
  public static final String TYPE = "memory_limiter";

  private final HeapMeter heap;
  private final LongSupplier nanoClock;

  /** Creates the factory over this JVM's heap and the system clock. */
  public MemoryLimiterProcessorFactory() {
    this(HeapMeter.jvm(), System::nanoTime);
  }

  /** Creates the factory over another heap meter and clock, for tests. */
  public MemoryLimiterProcessorFactory(HeapMeter heap, LongSupplier nanoClock) {
    this.heap = requireNonNull(heap, "heap");
    this.nanoClock = requireNonNull(nanoClock, "nanoClock");
  }

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * Decodes and checks a {@code memory_limiter} entry with the collector's validation messages;
   * an empty entry is an error, since {@code check_interval} and a limit must be set.
   */
  @Override
  public MemoryLimiterConfig decodeConfig(ConfigNode node) {
    Fields fields = node.fields();
    ConfigNode interval = fields.node("check_interval");
    ConfigNode limitMib = fields.node("limit_mib");
    ConfigNode spikeMib = fields.node("spike_limit_mib");
    ConfigNode limitPct = fields.node("limit_percentage");
    ConfigNode spikePct = fields.node("spike_limit_percentage");
    ConfigNode softGc = fields.node("min_gc_interval_when_soft_limited");
    ConfigNode hardGc = fields.node("min_gc_interval_when_hard_limited");
    fields.finish();

    MemoryLimiterConfig defaults = MemoryLimiterConfig.defaults();
    MemoryLimiterConfig config = new MemoryLimiterConfig(
        duration(interval, defaults.checkInterval()),
        unsigned(limitMib),
        unsigned(spikeMib),
        unsigned(limitPct),
        unsigned(spikePct),
        duration(softGc, defaults.minGcIntervalWhenSoftLimited()),
        duration(hardGc, defaults.minGcIntervalWhenHardLimited()));
    validate(config, node);
    return config;
  }

  /**
   * Returns a processor that passes data to {@code next} while the limiter of
   * {@code settings.id()} allows; the limiter is shared with the other pipelines using that id.
   *
   * @throws IllegalStateException when {@code limit_percentage} is used and the JVM has no
   *     maximum heap
   */
  @Override
  public Processor createTraces(
      CreateSettings settings, MemoryLimiterConfig config, TracesConsumer next) {
    SharedLimiters.Lease lease = SharedLimiters.acquire(
        settings.telemetry().registry(), settings.id(), config, heap, nanoClock);
    MemoryLimiterMetrics metrics = MemoryLimiterMetrics.create(settings.telemetry(), settings.id());
    return new MemoryLimiterProcessor(lease, metrics, next);
  }

  // The checks, their order and their words follow the collector's Config.Validate.
  private static void validate(MemoryLimiterConfig config, ConfigNode node) {
    if (config.checkInterval().compareTo(Duration.ZERO) <= 0) {
      throw ConfigException.at(node.get("check_interval"),
          "'check_interval' must be greater than zero");
    }
    Duration softGc = config.minGcIntervalWhenSoftLimited();
    if (softGc.compareTo(config.minGcIntervalWhenHardLimited()) < 0) {
      throw ConfigException.at(node.get("min_gc_interval_when_soft_limited"),
          "'min_gc_interval_when_soft_limited' should be larger than "
              + "'min_gc_interval_when_hard_limited'");
    }
    if (config.limitMib() == 0 && config.limitPercentage() == 0) {
      throw ConfigException.at(node.get("limit_mib").isPresent() ? node.get("limit_mib") : node,
          "'limit_mib' or 'limit_percentage' must be greater than zero");
    }
    if (config.limitPercentage() > 100 || config.spikeLimitPercentage() > 100) {
      String key = config.limitPercentage() > 100 ? "limit_percentage" : "spike_limit_percentage";
      throw ConfigException.at(node.get(key), "'limit_percentage' and 'spike_limit_percentage' "
          + "must be greater than zero and less than or equal to hundred");
    }
    if (config.limitMib() > 0 && config.limitMib() <= config.spikeLimitMib()) {
      throw ConfigException.at(node.get("spike_limit_mib"),
          "'spike_limit_mib' must be smaller than 'limit_mib'");
    }
    if (config.limitPercentage() > 0
        && config.limitPercentage() <= config.spikeLimitPercentage()) {
      throw ConfigException.at(node.get("spike_limit_percentage"),
          "'spike_limit_percentage' must be smaller than 'limit_percentage'");
    }
  }

  // The collector's fields are uint32: a negative or larger value is a decoding error there too.
  private static long unsigned(ConfigNode node) {
    if (node.isEmpty()) {
      return 0;
    }
    long value = node.asLong();
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw ConfigException.at(node, "expected an integer from 0 to 4294967295, got " + value);
    }
    return value;
  }

  private static Duration duration(ConfigNode node, Duration defaultValue) {
    return node.isEmpty() ? defaultValue : node.asDuration();
  }
}
