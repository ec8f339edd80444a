package io.sluice.storage.config;

import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;

/**
 * {@code tags_as_fields}: which tags are stored as object fields instead of nested entries
 * (spec §3.4); off by default.
 *
 * @param all store every non-binary tag as a field
 * @param dotReplacement what replaces {@code .} in field names; default {@code @}
 * @param configFile a file listing tag keys, one per line; empty when none
 * @param include a comma-separated list of tag keys; empty when none
 */
public record TagsAsFields(boolean all, String dotReplacement, String configFile, String include) {
  /** The defaults: off, {@code @} for dots. */
  public static final TagsAsFields DEFAULTS = new TagsAsFields(false, "@", "", "");

  /** Decodes a {@code tags_as_fields} block; an empty {@code dot_replacement} means {@code @}. */
  public static TagsAsFields decode(ConfigNode node) {
    Fields f = node.fields();
    String dot = f.string("dot_replacement", DEFAULTS.dotReplacement);
    TagsAsFields t = new TagsAsFields(
        f.bool("all", false),
        dot.isEmpty() ? DEFAULTS.dotReplacement : dot,
        f.string("config_file", ""),
        f.string("include", ""));
    f.finish();
    return t;
  }
}
