package io.sluice.processor.batch;

import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Processor;
import io.sluice.pipeline.ProcessorFactory;
import io.sluice.pipeline.TracesConsumer;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Makes {@code batch} processors and decodes their config. */
public final class BatchProcessorFactory implements ProcessorFactory<BatchConfig> {
  /** The type name in config files. */
  public static final String TYPE = "batch";

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * Decodes and checks a {@code batch} entry, with the collector's validation messages; an empty
   * entry yields {@link BatchConfig#defaults()}.
   */
  @Override
  public BatchConfig decodeConfig(ConfigNode node) {
    Fields fields = node.fields();
    ConfigNode size = fields.node("send_batch_size");
    ConfigNode timeout = fields.node("timeout");
    ConfigNode maxSize = fields.node("send_batch_max_size");
    ConfigNode keys = fields.node("metadata_keys");
    ConfigNode limit = fields.node("metadata_cardinality_limit");
    ConfigNode maxWait = fields.node("max_wait");
    fields.finish();

    BatchConfig config = new BatchConfig(
        unsigned(size, BatchConfig.DEFAULT_SEND_BATCH_SIZE),
        duration(timeout, BatchConfig.DEFAULT_TIMEOUT),
        unsigned(maxSize, BatchConfig.DEFAULT_SEND_BATCH_MAX_SIZE),
        keys.asStringList(),
        unsigned(limit, BatchConfig.DEFAULT_METADATA_CARDINALITY_LIMIT),
        duration(maxWait, BatchConfig.DEFAULT_MAX_WAIT));
    validate(config, maxSize, keys, timeout, maxWait);
    return config;
  }

  /** Returns a batch processor that sends its batches to {@code next}. */
  @Override
  public Processor createTraces(CreateSettings settings, BatchConfig config, TracesConsumer next) {
    return new BatchProcessor(settings, config, next);
  }

  // The checks and their order follow the collector's Config.Validate.
  private static void validate(
      BatchConfig config,
      ConfigNode maxSize,
      ConfigNode keys,
      ConfigNode timeout,
      ConfigNode maxWait) {
    if (config.sendBatchMaxSize() > 0 && config.sendBatchMaxSize() < config.sendBatchSize()) {
      throw ConfigException.at(
          maxSize, "send_batch_max_size must be greater or equal to send_batch_size");
    }
    checkDuplicates(config.metadataKeys(), keys);
    if (config.timeout().isNegative()) {
      throw ConfigException.at(timeout, "timeout must be greater or equal to 0");
    }
    if (config.maxWait().isNegative()) {
      throw ConfigException.at(maxWait, "max_wait must be greater or equal to 0");
    }
  }

  private static void checkDuplicates(List<String> metadataKeys, ConfigNode keys) {
    Set<String> seen = new HashSet<>();
    for (String key : metadataKeys) {
      String lower = key.toLowerCase(Locale.ROOT);
      if (!seen.add(lower)) {
        throw ConfigException.at(
            keys, "duplicate entry in metadata_keys: \"" + lower + "\" (case-insensitive)");
      }
    }
  }

  // The collector's fields are uint32: a negative value is a decoding error there too.
  private static int unsigned(ConfigNode node, int defaultValue) {
    if (node.isEmpty()) {
      return defaultValue;
    }
    int value = node.asInt();
    if (value < 0) {
      throw ConfigException.at(node, "expected a non-negative integer, got " + value);
    }
    return value;
  }

  private static Duration duration(ConfigNode node, Duration defaultValue) {
    return node.isEmpty() ? defaultValue : node.asDuration();
  }
}
