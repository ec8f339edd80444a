package io.sluice.bench;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

/**
 * Wraps the OTLP exporter and counts the spans of every finished export as exported (the
 * collector answered with success) or failed (the exporter gave up).
 */
final class CountingSpanExporter implements SpanExporter {
  private final SpanExporter delegate;
  private final IntConsumer onExportDone;
  private final LongAdder exported = new LongAdder();
  private final LongAdder failed = new LongAdder();

  /**
   * Creates the wrapper; {@code onExportDone} receives the span count of each export once its
   * result is known, success or not.
   */
  CountingSpanExporter(SpanExporter delegate, IntConsumer onExportDone) {
    this.delegate = delegate;
    this.onExportDone = onExportDone;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    int size = spans.size();
    CompletableResultCode result = delegate.export(spans);
    result.whenComplete(() -> {
      (result.isSuccess() ? exported : failed).add(size);
      onExportDone.accept(size);
    });
    return result;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  /** Returns the spans the collector accepted so far. */
  long exported() {
    return exported.sum();
  }

  /** Returns the spans whose export failed so far. */
  long failed() {
    return failed.sum();
  }
}
