package io.sluice.storage.es;

import static java.util.Objects.requireNonNull;

/**
 * Names the span and service indices Jaeger writes to (spec §4.1–§4.2): the prefix rule and
 * the UTC date of the span start in a Go {@code date_layout}. Thread-safe.
 */
public final class IndexNames {
  /** Jaeger's default {@code date_layout}. */
  public static final String DEFAULT_DATE_LAYOUT = "2006-01-02";

  private final String spanIndexPrefix;
  private final String serviceIndexPrefix;
  private final GoDateLayout spanDateLayout;
  private final GoDateLayout serviceDateLayout;

  /**
   * Returns the names for an {@code index_prefix} and the {@code date_layout} of the span and
   * service indices.
   */
  public IndexNames(String indexPrefix, String spanDateLayout, String serviceDateLayout) {
    this.spanIndexPrefix = prefixed(indexPrefix, "jaeger-span-");
    this.serviceIndexPrefix = prefixed(indexPrefix, "jaeger-service-");
    this.spanDateLayout = GoDateLayout.of(spanDateLayout);
    this.serviceDateLayout = GoDateLayout.of(serviceDateLayout);
  }

  /** Returns names for a prefix with the default daily layouts. */
  public static IndexNames daily(String indexPrefix) {
    return new IndexNames(indexPrefix, DEFAULT_DATE_LAYOUT, DEFAULT_DATE_LAYOUT);
  }

  /**
   * Returns {@code name} behind the prefix: the name alone for an empty prefix, otherwise
   * {@code prefix + "-" + name}, without doubling a {@code -} the prefix already ends with.
   */
  public static String prefixed(String indexPrefix, String name) {
    requireNonNull(indexPrefix, "indexPrefix");
    if (indexPrefix.isEmpty()) {
      return name;
    }
    return indexPrefix.endsWith("-") ? indexPrefix + name : indexPrefix + "-" + name;
  }

  /** Returns the span index for a span starting at {@code startTimeNanos}, e.g. …-2024-12-17. */
  public String spanIndex(long startTimeNanos) {
    return spanIndexPrefix + spanDateLayout.format(Math.floorDiv(startTimeNanos, 1_000_000L));
  }

  /** Returns the service index for a span starting at {@code startTimeNanos}. */
  public String serviceIndex(long startTimeNanos) {
    return serviceIndexPrefix
        + serviceDateLayout.format(Math.floorDiv(startTimeNanos, 1_000_000L));
  }
}
