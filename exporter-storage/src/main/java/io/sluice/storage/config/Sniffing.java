package io.sluice.storage.config;

import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;

/**
 * {@code sniffing}: discovery of cluster nodes. Accepted for compatibility; Sluice talks only to
 * the configured {@code server_urls}.
 *
 * @param enabled ask the cluster for its other nodes
 * @param useHttps use https for the sniffed nodes
 */
public record Sniffing(boolean enabled, boolean useHttps) {
  /** Decodes a {@code sniffing} block. */
  public static Sniffing decode(ConfigNode node) {
    Fields f = node.fields();
    Sniffing s = new Sniffing(f.bool("enabled", false), f.bool("use_https", false));
    f.finish();
    return s;
  }
}
