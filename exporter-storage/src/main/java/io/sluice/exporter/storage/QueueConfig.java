package io.sluice.exporter.storage;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
import io.sluice.storage.QueueSettings;
import io.sluice.storage.QueueSizer;
import java.util.Locale;

/**
 * The storage exporter's {@code queue} block: the collector's queue keys, on by default in
 * Sluice and bounded in bytes.
 *
 * @param enabled default true (Jaeger: false); off makes each batch wait until it is stored
 * @param numConsumers accepted for compatibility; the storage's bulk workers do the sending
 * @param queueSize the bound when {@code sizer} is {@code items} (spans) or {@code requests}
 *     (batches); default 1000
 * @param sizer {@code bytes} (default), {@code items} or {@code requests}
 * @param maxSizeBytes the bound when {@code sizer} is {@code bytes}; 0 (default) means a quarter
 *     of the maximum heap
 * @param blocking default true: a full queue makes the caller wait; false refuses at once
 */
public record QueueConfig(
    boolean enabled,
    int numConsumers,
    int queueSize,
    QueueSizer sizer,
    long maxSizeBytes,
    boolean blocking) {
  /** The defaults. */
  public static final QueueConfig DEFAULTS =
      new QueueConfig(true, 10, 1000, QueueSizer.BYTES, 0, true);

  /** Decodes a {@code queue} block; {@code storage} (a persistent queue) is refused. */
  public static QueueConfig decode(ConfigNode node) {
    Fields f = node.fields();
    ConfigNode sizerNode = f.node("sizer");
    ConfigNode storageNode = f.node("storage");
    QueueConfig q = new QueueConfig(
        f.bool("enabled", DEFAULTS.enabled),
        positive(f.node("num_consumers"), DEFAULTS.numConsumers),
        positive(f.node("queue_size"), DEFAULTS.queueSize),
        sizer(sizerNode),
        nonNegative(f.node("max_size_bytes")),
        f.bool("blocking", DEFAULTS.blocking));
    f.finish();
    if (!storageNode.isEmpty()) {
      throw ConfigException.at(storageNode,
          "a persistent queue (storage) is not supported by Sluice; remove the key");
    }
    return q;
  }

  /** Returns the resolved bound, taking a quarter of {@code maxHeapBytes} for the default. */
  public QueueSettings resolve(long maxHeapBytes) {
    long capacity = switch (sizer) {
      case BYTES -> maxSizeBytes > 0 ? maxSizeBytes : Math.max(1, maxHeapBytes / 4);
      case ITEMS, REQUESTS -> queueSize;
    };
    return new QueueSettings(enabled, sizer, capacity, blocking);
  }

  private static QueueSizer sizer(ConfigNode node) {
    if (node.isEmpty()) {
      return DEFAULTS.sizer;
    }
    String text = node.asString();
    return switch (text) {
      case "bytes", "items", "requests" -> QueueSizer.valueOf(text.toUpperCase(Locale.ROOT));
      default -> throw ConfigException.at(node,
          "sizer must be bytes, items or requests, got \"" + text + "\"");
    };
  }

  private static int positive(ConfigNode node, int defaultValue) {
    if (node.isEmpty()) {
      return defaultValue;
    }
    int value = node.asInt();
    if (value <= 0) {
      throw ConfigException.at(node, "must be positive, got " + value);
    }
    return value;
  }

  private static long nonNegative(ConfigNode node) {
    if (node.isEmpty()) {
      return 0;
    }
    long value = node.asLong();
    if (value < 0) {
      throw ConfigException.at(node, "must not be negative, got " + value);
    }
    return value;
  }
}
