package io.sluice.storage.config;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;

/**
 * The {@code memory} backend.
 *
 * @param maxTraces how many traces the store keeps before evicting the oldest; default
 *     1,000,000, as Jaeger's code (not its docs) sets when the {@code memory} key is present
 */
public record MemoryConfig(int maxTraces) implements BackendConfig {
  /** Jaeger v2.1.0's default for {@code max_traces}. */
  public static final int DEFAULT_MAX_TRACES = 1_000_000;

  /** Returns the defaults. */
  public static MemoryConfig defaults() {
    return new MemoryConfig(DEFAULT_MAX_TRACES);
  }

  /** Decodes a {@code memory} block; an empty block yields the defaults. */
  public static MemoryConfig decode(ConfigNode node) {
    Fields f = node.fields();
    ConfigNode maxNode = f.node("max_traces");
    int maxTraces = maxNode.isEmpty() ? DEFAULT_MAX_TRACES : maxNode.asInt();
    f.finish();
    if (maxTraces <= 0) {
      throw ConfigException.at(
          maxNode, "max_traces must be positive, got " + maxTraces);
    }
    return new MemoryConfig(maxTraces);
  }

  @Override
  public String typeKey() {
    return "memory";
  }
}
