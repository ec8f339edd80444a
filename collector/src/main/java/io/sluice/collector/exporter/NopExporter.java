package io.sluice.collector.exporter;

import io.sluice.pipeline.Exporter;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.telemetry.ExporterMetrics;
import io.vertx.core.Future;

/**
 * The {@code nop} exporter: takes every batch, keeps nothing, and counts its spans as sent.
 *
 * <p>The collector's {@code nop} skips the exporter helper and so has no
 * {@code otelcol_exporter_*} series; Sluice counts its spans so that a benchmark through
 * {@code nop} can still check that every accepted span left the pipeline.
 */
public final class NopExporter implements Exporter {
  private final ExporterMetrics metrics;

  NopExporter(ExporterMetrics metrics) {
    this.metrics = metrics;
  }

  /** Starts nothing. */
  @Override
  public Future<Void> start(Host host) {
    return Future.succeededFuture();
  }

  /** Counts the batch's spans as sent and succeeds. */
  @Override
  public Future<Void> consume(Traces traces) {
    metrics.sent(traces.spanCount());
    return Future.succeededFuture();
  }

  /** Stops at once. */
  @Override
  public Future<Void> shutdown() {
    return Future.succeededFuture();
  }
}
