package io.sluice.query.adjust;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The adjusters the query API runs on every trace it returns unless {@code raw=true}, in
 * Jaeger v2.1.0's order (spec jaeger-storage-query.md §7.3).
 *
 * <p>Jaeger v2.1.0's {@code jaeger_query} extension builds its query service without passing
 * {@code max_clock_skew_adjust} on, so the clock-skew adjuster always uses the query service's
 * built-in limit of 1 s; {@link #MAX_CLOCK_SKEW_ADJUST} is that value and Sluice does the same.
 */
public final class Adjusters {
  /** The largest clock-skew shift Jaeger v2.1.0 applies: 1 s, whatever the config says. */
  public static final Duration MAX_CLOCK_SKEW_ADJUST = Duration.ofSeconds(1);

  /**
   * The order spans are returned in, since Jaeger's is random: by start time, then by span id
   * read as unsigned.
   */
  public static final Comparator<AdjustableSpan> SPAN_ORDER = Adjusters::compareSpans;

  private Adjusters() {}

  private static int compareSpans(AdjustableSpan a, AdjustableSpan b) {
    int c = Long.compare(a.startTimeNanos(), b.startTimeNanos());
    return c != 0 ? c : Long.compareUnsigned(a.spanId(), b.spanId());
  }

  /** Returns the standard sequence with the given clock-skew limit. */
  public static List<Adjuster> standard(Duration maxClockSkewAdjust) {
    return List.of(
        new ZipkinSpanIdUniquifier(),
        new TagSorter(),
        new SpanHashDeduper(),
        new ClockSkewAdjuster(maxClockSkewAdjust.toNanos()),
        new IpTagAdjuster(),
        new OtelTagAdjuster(),
        new SpanReferenceAdjuster(),
        new ParentReferenceAdjuster());
  }

  /**
   * Returns the spans in {@link #SPAN_ORDER} after running {@code adjusters} over them; the
   * spans are sorted before too, so that the adjusters see a deterministic order.
   */
  public static List<AdjustableSpan> apply(List<Adjuster> adjusters, List<AdjustableSpan> spans) {
    List<AdjustableSpan> current = spans;
    current.sort(SPAN_ORDER);
    for (Adjuster adjuster : adjusters) {
      current = adjuster.adjust(current);
    }
    current.sort(SPAN_ORDER);
    return current;
  }
}
