package io.sluice.bench.seed;

/** Where a run's spans end up, counted from outside the collector. */
interface SpanStore {
  /**
   * Returns the spans stored now, cheaply enough to poll a few times a second; -1 when the count
   * could not be read this time.
   */
  long storedSpans(CollectorProcess collector);

  /** Returns the spans stored once everything written so far is visible. */
  long finalStoredSpans(CollectorProcess collector);

  /** Removes this run's spans (and anything the collector created) before the next run. */
  void clear();

  /** Returns the storage's name in the table: {@code opensearch} or {@code memory}. */
  String name();
}
