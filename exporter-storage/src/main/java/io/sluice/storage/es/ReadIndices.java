package io.sluice.storage.es;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the indices a read searches (spec §7.4 "Index lists"): the dated names of one index
 * family from the newest to the oldest over a time range, or its {@code -read} alias when
 * {@code use_aliases} is on, each followed by its {@code <cluster>:<index>} names for
 * {@code remote_read_clusters}.
 *
 * <p>Where the comma-joined names, remote ones included, would not fit in the 4,096-byte request
 * line that OpenSearch and Elasticsearch accept by default ({@code http.max_initial_line_length};
 * Jaeger sends such a list anyway and fails with their 400), this lists the family's wildcard
 * instead, without the archive index. Span and dependency reads bound the time in their
 * queries, so their answers stay the same; service documents carry no time, so a services or
 * operations read then covers every service index, not only those of {@code max_span_age}.
 * Thread-safe.
 */
public final class ReadIndices {
  /**
   * The longest comma-joined list sent as is; longer ones become the wildcard. The rest of a
   * search's request line (method, {@code /_search}, its two parameters, protocol) takes 75
   * bytes of the 4,096.
   */
  static final int MAX_JOINED_CHARS = 4_000;

  private static final long HOUR_MILLIS = 3_600_000L;
  private static final long DAY_MILLIS = 24 * HOUR_MILLIS;

  private final String family;
  private final GoDateLayout layout;
  private final long stepMillis;
  private final boolean useAliases;
  private final List<String> remoteClusters;

  /**
   * Returns the lister of one index family.
   *
   * @param indexPrefix the {@code index_prefix}; empty for none
   * @param baseName {@code jaeger-span}, {@code jaeger-service} or {@code jaeger-dependencies}
   * @param dateLayout the family's Go {@code date_layout}
   * @param rolloverFrequency {@code hour} steps back 1 h, anything else 24 h
   * @param useAliases search {@code <prefix->baseName-read} instead of dated indices
   * @param remoteClusters the {@code remote_read_clusters}
   */
  public ReadIndices(
      String indexPrefix,
      String baseName,
      String dateLayout,
      String rolloverFrequency,
      boolean useAliases,
      List<String> remoteClusters) {
    this.family = IndexNames.prefixed(indexPrefix, requireNonNull(baseName, "baseName") + "-");
    this.layout = GoDateLayout.of(dateLayout);
    this.stepMillis = "hour".equals(rolloverFrequency) ? HOUR_MILLIS : DAY_MILLIS;
    this.useAliases = useAliases;
    this.remoteClusters = List.copyOf(remoteClusters);
  }

  /** Returns the step between two listed indices (1 h or 24 h). */
  public Duration step() {
    return Duration.ofMillis(stepMillis);
  }

  /**
   * Returns the indices holding documents dated in {@code [startMillis, endMillis]}, newest
   * first and without repeats, or the alias, or the wildcard for a range too wide to list.
   */
  public List<String> between(long startMillis, long endMillis) {
    if (useAliases) {
      return withRemotes(List.of(family + "read"));
    }
    List<String> dated = dated(startMillis, endMillis);
    List<String> all = dated == null ? null : withRemotes(dated);
    if (all == null || String.join(",", all).length() > MAX_JOINED_CHARS) {
      return withRemotes(List.of(family + "*", "-" + family + "archive*"));
    }
    return all;
  }

  /** Returns the local dated names, or null when they alone would not fit in a request line. */
  private List<String> dated(long startMillis, long endMillis) {
    long steps = endMillis <= startMillis ? 0 : (endMillis - startMillis) / stepMillis;
    if (steps > MAX_JOINED_CHARS) {
      // Cheap guard before formatting: that many names cannot fit, even with short ones.
      return null;
    }
    List<String> names = new ArrayList<>();
    int joinedChars = 0;
    for (long t = endMillis; t > startMillis; t -= stepMillis) {
      joinedChars += add(names, family + layout.format(t));
      if (joinedChars > MAX_JOINED_CHARS) {
        return null;
      }
    }
    add(names, family + layout.format(startMillis));
    return names;
  }

  /** Adds {@code name} unless it repeats the last one; returns the characters added. */
  private static int add(List<String> names, String name) {
    if (!names.isEmpty() && names.get(names.size() - 1).equals(name)) {
      return 0;
    }
    names.add(name);
    return name.length() + 1;
  }

  private List<String> withRemotes(List<String> local) {
    if (remoteClusters.isEmpty()) {
      return local;
    }
    List<String> all = new ArrayList<>(local);
    for (String index : local) {
      String sign = index.startsWith("-") ? "-" : "";
      for (String cluster : remoteClusters) {
        all.add(sign + cluster + ":" + index.substring(sign.length()));
      }
    }
    return List.copyOf(all);
  }
}
