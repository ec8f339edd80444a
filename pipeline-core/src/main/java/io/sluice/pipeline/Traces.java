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
 *
 * <p>A batch also carries the {@link ClientMetadata} of the request it came from (empty unless
 * the receiver has {@code include_metadata} on); the batch processor keeps it per shard.
 */
public final class Traces {
  private static final Traces EMPTY = new Traces(List.of(), 0, ClientMetadata.EMPTY);

  private final List<ResourceSpans> resourceSpans;
  private final int spanCount;
  private final ClientMetadata metadata;

  private Traces(List<ResourceSpans> resourceSpans, int spanCount, ClientMetadata metadata) {
    this.resourceSpans = resourceSpans;
    this.spanCount = spanCount;
    this.metadata = metadata;
  }

  /** Returns a batch holding the given resource spans and no client metadata; copies the list. */
  public static Traces of(List<ResourceSpans> resourceSpans) {
    return of(resourceSpans, ClientMetadata.EMPTY);
  }

  /** Returns a batch holding the given resource spans and client metadata; the list is copied. */
  public static Traces of(List<ResourceSpans> resourceSpans, ClientMetadata metadata) {
    requireNonNull(resourceSpans, "resourceSpans");
    requireNonNull(metadata, "metadata");
    List<ResourceSpans> copy = List.copyOf(resourceSpans);
    return new Traces(copy, countSpans(copy), metadata);
  }

  /** Returns the batch with no spans. */
  public static Traces empty() {
    return EMPTY;
  }

  /** Returns the resource spans, in arrival order; never null, unmodifiable. */
  public List<ResourceSpans> resourceSpans() {
    return resourceSpans;
  }

  /** Returns the client metadata of the request; {@link ClientMetadata#EMPTY} when none. */
  public ClientMetadata metadata() {
    return metadata;
  }

  /** Returns this batch carrying {@code metadata} instead; the spans are shared, not copied. */
  public Traces withMetadata(ClientMetadata metadata) {
    requireNonNull(metadata, "metadata");
    return metadata.equals(this.metadata) ? this : new Traces(resourceSpans, spanCount, metadata);
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
