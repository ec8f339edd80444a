package io.sluice.pipeline;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.List;

/**
 * An immutable batch of spans as it travels through a pipeline: the OTLP {@code ResourceSpans}
 * of one or more requests.
 *
 * <p>Protobuf messages are immutable, so a {@code Traces} can be handed to several consumers
 * without the deep copies the collector needs for its mutable pdata; a stage that changes data
 * builds new messages.
 */
public final class Traces {
  private static final Traces EMPTY = new Traces(List.of(), 0);

  private final List<ResourceSpans> resourceSpans;
  private final int spanCount;

  private Traces(List<ResourceSpans> resourceSpans, int spanCount) {
    this.resourceSpans = resourceSpans;
    this.spanCount = spanCount;
  }

  /** Returns a batch holding the given resource spans; the list is copied. */
  public static Traces of(List<ResourceSpans> resourceSpans) {
    requireNonNull(resourceSpans, "resourceSpans");
    List<ResourceSpans> copy = List.copyOf(resourceSpans);
    return new Traces(copy, countSpans(copy));
  }

  /** Returns the batch with no spans. */
  public static Traces empty() {
    return EMPTY;
  }

  /** Returns the resource spans, in arrival order; never null, unmodifiable. */
  public List<ResourceSpans> resourceSpans() {
    return resourceSpans;
  }

  /** Returns the number of spans in this batch (the collector's "items"). */
  public int spanCount() {
    return spanCount;
  }

  /** Returns true when this batch holds no span. */
  public boolean isEmpty() {
    return spanCount == 0;
  }

  private static int countSpans(List<ResourceSpans> resourceSpans) {
    int count = 0;
    for (ResourceSpans rs : resourceSpans) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        count += ss.getSpansCount();
      }
    }
    return count;
  }

  @Override
  public String toString() {
    return "Traces{resourceSpans=" + resourceSpans.size() + ", spans=" + spanCount + "}";
  }
}
