package io.sluice.pipeline;

import io.sluice.pipeline.config.ConfigNode;

/**
 * Makes components of one type, and decodes their config.
 *
 * @param <C> the typed config, usually a record whose defaults live in this factory
 */
public interface ComponentFactory<C> {
  /** Returns which section of the config this type lives in. */
  ComponentKind kind();

  /** Returns the type name written in config files, e.g. {@code otlp}. */
  String type();

  /**
   * Decodes a component's config; an absent or empty node yields the defaults. Throws a
   * {@link io.sluice.pipeline.config.ConfigException} naming the key for a bad value or an unknown
   * key.
   */
  C decodeConfig(ConfigNode node);
}
