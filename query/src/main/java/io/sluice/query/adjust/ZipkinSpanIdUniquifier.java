package io.sluice.query.adjust;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives a server span a new id when a client span shares it, as Zipkin-style clients do for
 * the two sides of one call; the client becomes the server span's parent (Jaeger's
 * {@code ZipkinSpanIDUniquifier}). New ids are the smallest unused ones above 0, in span order.
 */
final class ZipkinSpanIdUniquifier implements Adjuster {
  static final String WARNING_TOO_MANY_SPANS =
      "cannot assign unique span ID, too many spans in the trace";

  @Override
  public List<AdjustableSpan> adjust(List<AdjustableSpan> spans) {
    Map<Long, List<AdjustableSpan>> byId = new LinkedHashMap<>();
    for (AdjustableSpan span : spans) {
      byId.computeIfAbsent(span.spanId(), id -> new ArrayList<>(1)).add(span);
    }
    Map<Long, Long> oldToNew = new HashMap<>();
    long maxUsedId = 0;
    for (AdjustableSpan span : spans) {
      if (!span.hasSpanKind("server") || !sharedWithClient(byId.get(span.spanId()))) {
        continue;
      }
      long newId = unusedId(byId, maxUsedId);
      if (newId == 0) {
        span.addWarning(WARNING_TOO_MANY_SPANS);
        continue;
      }
      maxUsedId = newId;
      oldToNew.put(span.spanId(), newId);
      span.replaceParentId(span.spanId());
      span.spanId(newId);
    }
    swapParentIds(spans, oldToNew);
    return spans;
  }

  private static boolean sharedWithClient(List<AdjustableSpan> sameId) {
    return sameId.stream().anyMatch(span -> span.hasSpanKind("client"));
  }

  /** Returns the first id above {@code maxUsedId} that no span has, or 0 when none is left. */
  private static long unusedId(Map<Long, List<AdjustableSpan>> byId, long maxUsedId) {
    for (long id = maxUsedId + 1; Long.compareUnsigned(id, -1L) < 0; id++) {
      if (!byId.containsKey(id)) {
        return id;
      }
    }
    return 0;
  }

  /** Points the children of the renamed server spans at the new ids. */
  private static void swapParentIds(List<AdjustableSpan> spans, Map<Long, Long> oldToNew) {
    if (oldToNew.isEmpty()) {
      return;
    }
    for (AdjustableSpan span : spans) {
      Long newParent = oldToNew.get(span.parentSpanId());
      if (newParent != null && span.spanId() != newParent) {
        span.replaceParentId(newParent);
      }
    }
  }
}
