package io.sluice.bench;

/**
 * Where the client's spans are at one moment.
 *
 * @param ended spans the application ended (handed to the span processor)
 * @param exported spans in export requests the collector answered with success
 * @param failed spans in export requests that failed for good (after the exporter's retries)
 * @param dropped spans the BatchSpanProcessor dropped because its queue was full, as the SDK
 *     counts them ({@code processedSpans{dropped=true}})
 * @param queued spans waiting in the BatchSpanProcessor's queue
 */
public record SpanCounts(long ended, long exported, long failed, long dropped, long queued) {

  /** Returns {@code dropped} as a percentage of {@code ended}; 0 when nothing ended. */
  public double droppedPercent() {
    return ended == 0 ? 0 : 100.0 * dropped / ended;
  }

  /**
   * Returns the spans not yet exported, failed or dropped: in the queue or in an export request
   * still in flight. Zero once the client has shut down cleanly.
   */
  public long pending() {
    return ended - exported - failed - dropped;
  }
}
