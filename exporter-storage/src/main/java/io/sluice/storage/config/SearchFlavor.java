package io.sluice.storage.config;

import java.util.Locale;

/** Which search engine a backend entry names; both share one config struct (spec §6). */
public enum SearchFlavor {
  ELASTICSEARCH,
  OPENSEARCH;

  /** Returns the key written in the config and the {@code kind} metric label. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
