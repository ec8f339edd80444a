package io.sluice.storage.config;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
import java.time.Duration;

/**
 * {@code bulk_processing}: how bulk requests are sized and how many are in flight. A zero value
 * falls back to the default, as Jaeger's {@code ApplyDefaults} does.
 *
 * @param maxBytes flush when a request reaches this many bytes; default 5,000,000 (decimal)
 * @param maxActions flush after this many actions (a span or a service document); default 1000
 * @param flushInterval send what is there after this long; default 200ms
 * @param workers concurrent bulk requests; default 1
 */
public record BulkProcessing(int maxBytes, int maxActions, Duration flushInterval, int workers) {
  /** The defaults of spec §5. */
  public static final BulkProcessing DEFAULTS =
      new BulkProcessing(5_000_000, 1000, Duration.ofMillis(200), 1);

  /** Decodes a {@code bulk_processing} block. */
  public static BulkProcessing decode(ConfigNode node) {
    Fields f = node.fields();
    BulkProcessing b = new BulkProcessing(
        positiveOrDefault(f.node("max_bytes"), DEFAULTS.maxBytes),
        positiveOrDefault(f.node("max_actions"), DEFAULTS.maxActions),
        durationOrDefault(f.node("flush_interval"), DEFAULTS.flushInterval),
        positiveOrDefault(f.node("workers"), DEFAULTS.workers));
    f.finish();
    return b;
  }

  static int positiveOrDefault(ConfigNode node, int defaultValue) {
    if (node.isEmpty()) {
      return defaultValue;
    }
    int value = node.asInt();
    if (value < 0) {
      throw ConfigException.at(node, "must not be negative, got " + value);
    }
    return value == 0 ? defaultValue : value;
  }

  static Duration durationOrDefault(ConfigNode node, Duration defaultValue) {
    if (node.isEmpty()) {
      return defaultValue;
    }
    Duration value = node.asDuration();
    if (value.isNegative()) {
      throw ConfigException.at(node, "must not be negative, got " + node.rawValue());
    }
    return value.isZero() ? defaultValue : value;
  }
}
