package io.sluice.bench.seed;

import java.util.List;

/**
 * One line of the seed table: one collector, one storage, one load, and where its spans went.
 *
 * <p>The counts add up by construction: {@code total = saved + droppedInClient +
 * droppedInCollector}, where the client's share is what it ended but never got a 2xx for
 * (dropped in its queue, or failed after its retries) and the collector's share is what it
 * answered 2xx for but never stored. A negative collector share means the storage holds more
 * spans than the client exported (duplicates written by a retried request).
 *
 * @param collector {@code sluice} or {@code jaeger}
 * @param storage {@code opensearch} or {@code memory}
 * @param client the load generator and its mode, e.g. {@code java lossy}
 * @param durationSeconds from the client's start until the last span was stored
 * @param totalSpans spans the client ended
 * @param savedSpans spans in storage at the end (documents in OpenSearch, or spans the storage
 *     exporter reported sent for memory storage)
 * @param droppedInClient spans the client ended but never exported
 * @param droppedInCollector spans the client exported but the storage does not hold
 * @param receivedSpans spans the collector answered 2xx for: the CPU cost's denominator
 * @param startupCpuSeconds the collector process's user + system CPU until it was ready
 * @param loadCpuSeconds its user + system CPU from ready until storage held its final count
 * @param peakRssKib the collector process's peak resident set ({@code VmHWM})
 * @param settled whether storage reached its final count before the wait limit
 * @param spanMetricLines the collector's {@code _spans} metric samples at the end
 */
record SeedRow(
    String collector,
    String storage,
    String client,
    double durationSeconds,
    long totalSpans,
    long savedSpans,
    long droppedInClient,
    long droppedInCollector,
    long receivedSpans,
    double startupCpuSeconds,
    double loadCpuSeconds,
    long peakRssKib,
    boolean settled,
    List<String> spanMetricLines) {

  /** Builds the row of one run from the client's summary and what storage holds. */
  static SeedRow of(String collector, String storage, String client, ClientSummary summary,
      long savedSpans, double durationSeconds, CollectorUsage usage, boolean settled,
      List<String> spanMetricLines) {
    return new SeedRow(collector, storage, client, durationSeconds, summary.ended(), savedSpans,
        summary.notExported(), summary.exported() - savedSpans, summary.exported(),
        usage.startupCpuSeconds(), usage.loadCpuSeconds(), usage.peakRssKib(), settled,
        List.copyOf(spanMetricLines));
  }

  /** Returns the spans the client ended that storage does not hold. */
  long droppedSpans() {
    return totalSpans - savedSpans;
  }

  /** Returns {@link #droppedSpans()} as a percentage of the total; 0 when nothing was sent. */
  double droppedPercent() {
    return totalSpans == 0 ? 0 : 100.0 * droppedSpans() / totalSpans;
  }

  /**
   * Returns the collector's CPU-seconds after start-up per million spans it received; 0 when it
   * received none.
   */
  double cpuSecondsPerMillionSpans() {
    return receivedSpans == 0 ? 0 : loadCpuSeconds * 1e6 / receivedSpans;
  }
}
