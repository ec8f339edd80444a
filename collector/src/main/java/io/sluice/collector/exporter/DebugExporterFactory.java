package io.sluice.collector.exporter;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Exporter;
import io.sluice.pipeline.ExporterFactory;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
import io.sluice.pipeline.telemetry.MetricsLevel;
import java.io.PrintStream;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes {@code debug} exporters, which write the spans they get to the log. */
public final class DebugExporterFactory implements ExporterFactory<DebugConfig> {
  /** The type name in config files. */
  public static final String TYPE = "debug";

  private static final Logger LOG = LoggerFactory.getLogger(DebugExporter.class);

  private final PrintStream stdout;
  private final LongSupplier nanoClock;

  /**
   * Creates the factory used in production: {@code use_internal_logger: false} writes to the
   * process's standard output, which is what that key asks for.
   */
  public DebugExporterFactory() {
    this(System.out, System::nanoTime);
  }

  /** Creates a factory writing bare lines to {@code stdout} and sampling by {@code nanoClock}. */
  DebugExporterFactory(PrintStream stdout, LongSupplier nanoClock) {
    this.stdout = requireNonNull(stdout, "stdout");
    this.nanoClock = requireNonNull(nanoClock, "nanoClock");
  }

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * Decodes a {@code debug} entry; an empty one yields {@link DebugConfig#defaults()}. Unknown
   * keys, a verbosity other than basic, normal or detailed, and negative sampling counts are
   * errors naming the key.
   */
  @Override
  public DebugConfig decodeConfig(ConfigNode node) {
    Fields fields = node.fields();
    ConfigNode verbosity = fields.node("verbosity");
    ConfigNode initial = fields.node("sampling_initial");
    ConfigNode thereafter = fields.node("sampling_thereafter");
    boolean internal = fields.bool("use_internal_logger", DebugConfig.DEFAULT_USE_INTERNAL_LOGGER);
    fields.finish();

    return new DebugConfig(
        verbosity(verbosity),
        nonNegative(initial, DebugConfig.DEFAULT_SAMPLING_INITIAL),
        nonNegative(thereafter, DebugConfig.DEFAULT_SAMPLING_THEREAFTER),
        internal);
  }

  /** Returns a debug exporter that counts into {@code otelcol_exporter_sent_spans}. */
  @Override
  public Exporter createTraces(CreateSettings settings, DebugConfig config) {
    LogSampler sampler =
        new LogSampler(config.samplingInitial(), config.samplingThereafter(), nanoClock);
    Consumer<String> output = config.useInternalLogger() ? LOG::info : stdout::println;
    return new DebugExporter(settings.id(), config.verbosity(), sampler, output,
        settings.telemetry().exporter(settings.id()));
  }

  // The collector's verbosity is a telemetry level, read case-insensitively; "none" is refused.
  private static MetricsLevel verbosity(ConfigNode node) {
    if (node.isEmpty()) {
      return DebugConfig.DEFAULT_VERBOSITY;
    }
    MetricsLevel level;
    try {
      level = MetricsLevel.parse(node.asString());
    } catch (IllegalArgumentException e) {
      throw ConfigException.at(node, e.getMessage());
    }
    if (level == MetricsLevel.NONE) {
      throw ConfigException.at(node,
          "verbosity level \"None\" is not supported: use basic, normal or detailed");
    }
    return level;
  }

  private static int nonNegative(ConfigNode node, int defaultValue) {
    if (node.isEmpty()) {
      return defaultValue;
    }
    int value = node.asInt();
    if (value < 0) {
      throw ConfigException.at(node, "expected a non-negative integer, got " + value);
    }
    return value;
  }
}
