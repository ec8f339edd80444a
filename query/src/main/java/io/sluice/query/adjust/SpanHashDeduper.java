package io.sluice.query.adjust;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Keeps one of each set of identical spans (every field equal, warnings included), as
 * Jaeger's {@code DedupeBySpanHash} does for spans stored twice. Jaeger rebuilds the list from
 * a map, in random order; this keeps the first of each in the given order.
 */
final class SpanHashDeduper implements Adjuster {
  @Override
  public List<AdjustableSpan> adjust(List<AdjustableSpan> spans) {
    return new ArrayList<>(new LinkedHashSet<>(spans));
  }
}
