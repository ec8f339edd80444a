package io.sluice.processor.batch;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.sluice.pipeline.Traces;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The spans the batcher has accumulated but not sent, and the split of a batch that is larger
 * than {@code send_batch_max_size}.
 *
 * <p>Not thread-safe: only the batcher thread touches it.
 */
final class PendingBatch {
  private final ArrayDeque<ResourceSpans> resourceSpans = new ArrayDeque<>();
  private int spanCount;

  /** Appends every resource of {@code traces}, empty ones included, as the collector does. */
  void add(Traces traces) {
    resourceSpans.addAll(traces.resourceSpans());
    spanCount += traces.spanCount();
  }

  /** Returns the number of spans held. */
  int spanCount() {
    return spanCount;
  }

  /**
   * Removes and returns the next batch to send: everything when {@code maxSize} is 0 or not
   * exceeded, otherwise exactly the first {@code maxSize} spans in order.
   */
  Traces take(int maxSize) {
    if (maxSize <= 0 || spanCount <= maxSize) {
      return takeAll();
    }
    List<ResourceSpans> out = new ArrayList<>();
    int taken = 0;
    while (taken < maxSize) {
      ResourceSpans first = resourceSpans.pollFirst();
      int count = countSpans(first);
      if (taken + count <= maxSize) {
        out.add(first);
        taken += count;
      } else {
        splitInto(first, maxSize - taken, out);
        taken = maxSize;
      }
    }
    spanCount -= maxSize;
    return Traces.of(out);
  }

  private Traces takeAll() {
    Traces all = Traces.of(new ArrayList<>(resourceSpans));
    resourceSpans.clear();
    spanCount = 0;
    return all;
  }

  /**
   * Moves the first {@code room} spans of {@code rs} into {@code out} and puts the rest back at
   * the front. Whole scopes move while they fit; the scope that straddles the boundary is cut,
   * and both halves get new messages carrying the same resource and scope.
   */
  private void splitInto(ResourceSpans rs, int room, List<ResourceSpans> out) {
    ResourceSpans.Builder head = emptyLike(rs);
    ResourceSpans.Builder tail = emptyLike(rs);
    int taken = 0;
    for (ScopeSpans scope : rs.getScopeSpansList()) {
      int count = scope.getSpansCount();
      if (taken == room) {
        tail.addScopeSpans(scope);
      } else if (taken + count <= room) {
        head.addScopeSpans(scope);
        taken += count;
      } else {
        int cut = room - taken;
        head.addScopeSpans(slice(scope, 0, cut));
        tail.addScopeSpans(slice(scope, cut, count));
        taken = room;
      }
    }
    out.add(head.build());
    resourceSpans.addFirst(tail.build());
  }

  private static ResourceSpans.Builder emptyLike(ResourceSpans rs) {
    ResourceSpans.Builder b = ResourceSpans.newBuilder().setSchemaUrl(rs.getSchemaUrl());
    return rs.hasResource() ? b.setResource(rs.getResource()) : b;
  }

  private static ScopeSpans slice(ScopeSpans scope, int from, int to) {
    ScopeSpans.Builder b = ScopeSpans.newBuilder()
        .setSchemaUrl(scope.getSchemaUrl())
        .addAllSpans(scope.getSpansList().subList(from, to));
    return scope.hasScope() ? b.setScope(scope.getScope()).build() : b.build();
  }

  private static int countSpans(ResourceSpans rs) {
    int count = 0;
    for (ScopeSpans scope : rs.getScopeSpansList()) {
      count += scope.getSpansCount();
    }
    return count;
  }
}
