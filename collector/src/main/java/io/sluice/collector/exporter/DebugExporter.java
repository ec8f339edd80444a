package io.sluice.collector.exporter;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.Exporter;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.telemetry.ExporterMetrics;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * The {@code debug} exporter: writes what it receives to the log and counts it as sent.
 *
 * <p>Every batch gets a summary line, {@code Traces {"kind": "exporter", "data_type": "traces",
 * "name": "debug", "resource spans": 1, "spans": 2}}, like the collector's; {@code normal} adds
 * one line per span, {@code detailed} every field. Lines go through a {@link LogSampler}; spans
 * count as sent whether or not their lines were sampled away, since the exporter has done its
 * job either way.
 */
public final class DebugExporter implements Exporter {
  private static final String SUMMARY_KEY = "Traces";

  private final ComponentId id;
  private final MetricsLevel verbosity;
  private final LogSampler sampler;
  private final Consumer<String> output;
  private final ExporterMetrics metrics;

  DebugExporter(
      ComponentId id,
      MetricsLevel verbosity,
      LogSampler sampler,
      Consumer<String> output,
      ExporterMetrics metrics) {
    this.id = requireNonNull(id, "id");
    this.verbosity = requireNonNull(verbosity, "verbosity");
    this.sampler = requireNonNull(sampler, "sampler");
    this.output = requireNonNull(output, "output");
    this.metrics = requireNonNull(metrics, "metrics");
  }

  /** Starts nothing: the exporter has no connection to open. */
  @Override
  public Future<Void> start(Host host) {
    return Future.succeededFuture();
  }

  /** Writes the batch's lines and counts its spans as sent; never fails. */
  @Override
  public Future<Void> consume(Traces traces) {
    write(SUMMARY_KEY, summary(traces));
    if (verbosity != MetricsLevel.BASIC) {
      String body = verbosity == MetricsLevel.DETAILED
          ? TracesText.detailed(traces)
          : TracesText.normal(traces);
      write(body, body);
    }
    metrics.sent(traces.spanCount());
    return Future.succeededFuture();
  }

  /** Stops at once: nothing is held. */
  @Override
  public Future<Void> shutdown() {
    return Future.succeededFuture();
  }

  private void write(String samplingKey, String text) {
    if (!text.isEmpty() && sampler.allow(samplingKey)) {
      output.accept(text);
    }
  }

  private String summary(Traces traces) {
    return "Traces {\"kind\": \"exporter\", \"data_type\": \"traces\", \"name\": \"" + id
        + "\", \"resource spans\": " + traces.resourceSpans().size()
        + ", \"spans\": " + traces.spanCount() + "}";
  }
}
