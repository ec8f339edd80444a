package io.sluice.bench.seed;

/**
 * Counts the spans a memory-storage collector stored: its storage exporter's
 * {@code otelcol_exporter_sent_spans}. Both collectors write memory storage synchronously inside
 * the export, so a span counts as sent only once the store holds it.
 */
final class MemorySpans implements SpanStore {
  static final String SENT_SPANS = "otelcol_exporter_sent_spans";

  @Override
  public long storedSpans(CollectorProcess collector) {
    return Math.round(PrometheusText.sum(collector.metrics(), SENT_SPANS));
  }

  @Override
  public long finalStoredSpans(CollectorProcess collector) {
    return storedSpans(collector);
  }

  /** Nothing to clear: each run starts a new collector, with an empty store. */
  @Override
  public void clear() {}

  @Override
  public String name() {
    return "memory";
  }
}
