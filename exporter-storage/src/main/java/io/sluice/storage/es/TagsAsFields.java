package io.sluice.storage.es;

import static java.util.Objects.requireNonNull;

import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.ValueType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code tags_as_fields} setting (spec §3.4): which non-binary span and process tags move
 * out of the nested {@code tags} arrays into the {@code tag} / {@code process.tag} objects,
 * with dots in keys replaced by {@code dotReplacement}.
 *
 * @param all move every non-binary tag
 * @param include the keys to move when {@code all} is false (the merged {@code include} and
 *     {@code config_file} lists)
 * @param dotReplacement what replaces {@code .} in object keys; default "@"
 */
public record TagsAsFields(boolean all, Set<String> include, String dotReplacement) {
  /** The default dot replacement. */
  public static final String DEFAULT_DOT_REPLACEMENT = "@";

  private static final TagsAsFields DISABLED =
      new TagsAsFields(false, Set.of(), DEFAULT_DOT_REPLACEMENT);

  /** Copies the include set; an empty replacement becomes "@" as Jaeger's defaults do. */
  public TagsAsFields {
    include = Set.copyOf(requireNonNull(include, "include"));
    requireNonNull(dotReplacement, "dotReplacement");
    if (dotReplacement.isEmpty()) {
      dotReplacement = DEFAULT_DOT_REPLACEMENT;
    }
  }

  /** Returns the default: no tag is moved. */
  public static TagsAsFields disabled() {
    return DISABLED;
  }

  /**
   * Returns the setting from its YAML values; {@code includeCsv} is split on commas without
   * trimming, as Jaeger does, and empty entries are ignored.
   */
  public static TagsAsFields of(boolean all, String includeCsv, String dotReplacement) {
    Set<String> keys = new LinkedHashSet<>(Arrays.asList(includeCsv.split(",")));
    keys.remove("");
    return new TagsAsFields(all, keys, dotReplacement);
  }

  /** Returns true when some tag may move, i.e. the writer has to look at each one. */
  public boolean enabled() {
    return all || !include.isEmpty();
  }

  /** Returns true when this tag moves into the {@code tag} object. */
  public boolean moves(KeyValue tag) {
    return tag.type() != ValueType.BINARY && (all || include.contains(tag.key()));
  }

  /** Returns the object key for a tag key: dots replaced. */
  public String fieldName(String key) {
    return key.indexOf('.') < 0 ? key : key.replace(".", dotReplacement);
  }
}
