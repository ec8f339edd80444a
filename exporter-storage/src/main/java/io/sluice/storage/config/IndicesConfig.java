package io.sluice.storage.config;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
import java.util.Set;

/**
 * {@code indices}: the index prefix and the per-index options.
 *
 * @param indexPrefix prepended to every index name with a {@code -}; empty for none
 * @param spans options of {@code jaeger-span-*}
 * @param services options of {@code jaeger-service-*}
 * @param dependencies options of {@code jaeger-dependencies-*}
 * @param sampling options of {@code jaeger-sampling-*}
 */
public record IndicesConfig(
    String indexPrefix,
    IndexOptions spans,
    IndexOptions services,
    IndexOptions dependencies,
    IndexOptions sampling) {
  /** Returns the defaults: no prefix, daily indices, 5 shards, 1 replica. */
  public static IndicesConfig defaults() {
    IndexOptions d = IndexOptions.DEFAULTS;
    return new IndicesConfig("", d, d, d, d);
  }

  /** Decodes an {@code indices} block. */
  public static IndicesConfig decode(ConfigNode node) {
    Fields f = node.fields();
    IndicesConfig c = new IndicesConfig(
        f.string("index_prefix", ""),
        IndexOptions.decode(f.node("spans")),
        IndexOptions.decode(f.node("services")),
        IndexOptions.decode(f.node("dependencies")),
        IndexOptions.decode(f.node("sampling")));
    f.finish();
    return c;
  }

  /**
   * Options of one index family. Zero shards or replicas mean the default, as in Jaeger v2.1.0
   * (so 0 replicas cannot be set; jaeger#7123).
   *
   * @param priority the ES 8 composable template priority; default 0
   * @param dateLayout a Go time layout for the date suffix; default {@code 2006-01-02}
   * @param shards {@code index.number_of_shards}; default 5
   * @param replicas {@code index.number_of_replicas}; default 1
   * @param rolloverFrequency {@code day} or {@code hour}; only steers how readers list indices
   */
  public record IndexOptions(
      int priority, String dateLayout, int shards, int replicas, String rolloverFrequency) {
    /** The defaults of spec §6. */
    public static final IndexOptions DEFAULTS = new IndexOptions(0, "2006-01-02", 5, 1, "day");

    private static final Set<String> FREQUENCIES = Set.of("day", "hour");

    /** Decodes one index block. */
    public static IndexOptions decode(ConfigNode node) {
      Fields f = node.fields();
      String layout = f.string("date_layout", DEFAULTS.dateLayout);
      ConfigNode frequencyNode = f.node("rollover_frequency");
      String frequency = frequencyNode.isEmpty() ? "" : frequencyNode.asString();
      IndexOptions o = new IndexOptions(
          f.integer("priority", DEFAULTS.priority),
          layout.isEmpty() ? DEFAULTS.dateLayout : layout,
          BulkProcessing.positiveOrDefault(f.node("shards"), DEFAULTS.shards),
          BulkProcessing.positiveOrDefault(f.node("replicas"), DEFAULTS.replicas),
          frequency.isEmpty() ? DEFAULTS.rolloverFrequency : frequency);
      f.finish();
      if (!FREQUENCIES.contains(o.rolloverFrequency)) {
        throw ConfigException.at(frequencyNode,
            "rollover_frequency must be day or hour, got \"" + frequency + "\"");
      }
      return o;
    }
  }
}
