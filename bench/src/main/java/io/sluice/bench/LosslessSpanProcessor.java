package io.sluice.bench;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.Semaphore;

/**
 * Puts a span processor behind a bounded semaphore so that ending a span waits, instead of being
 * dropped, while the processor's queue is full.
 *
 * <p>One permit per span: {@link #onEnd} takes one before handing the span on, and the exporter
 * gives them back once an export of those spans finished (see {@link CountingSpanExporter}).
 * With as many permits as the BatchSpanProcessor's queue holds, its queue can never overflow, so
 * its drop count stays 0 and the application thread absorbs the back-pressure, as a blocking
 * queue would.
 */
final class LosslessSpanProcessor implements SpanProcessor {
  private final SpanProcessor delegate;
  private final Semaphore permits;

  /**
   * Wraps {@code delegate}; {@code permits} holds one permit per span the delegate's queue takes,
   * and whoever sees an export finish releases that export's spans.
   */
  LosslessSpanProcessor(SpanProcessor delegate, Semaphore permits) {
    this.delegate = delegate;
    this.permits = permits;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    delegate.onStart(parentContext, span);
  }

  @Override
  public boolean isStartRequired() {
    return delegate.isStartRequired();
  }

  @Override
  public void onEnd(ReadableSpan span) {
    permits.acquireUninterruptibly();
    delegate.onEnd(span);
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return delegate.forceFlush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }
}
