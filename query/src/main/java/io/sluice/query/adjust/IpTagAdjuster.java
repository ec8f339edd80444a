package io.sluice.query.adjust;

import io.sluice.storage.model.KeyValue;
import java.util.List;
import java.util.Set;

/**
 * Turns numeric {@code ip} and {@code peer.ipv4} tags (an IPv4 address packed into a number)
 * into dotted text, on spans and processes, then re-sorts the process tags (Jaeger's
 * {@code IPTagAdjuster}; the span tags keep their places).
 */
final class IpTagAdjuster implements Adjuster {
  private static final Set<String> KEYS = Set.of("ip", "peer.ipv4");

  @Override
  public List<AdjustableSpan> adjust(List<AdjustableSpan> spans) {
    for (AdjustableSpan span : spans) {
      rewrite(span.tags());
      rewrite(span.processTags());
      span.processTags().sort(KeyValueOrder.ORDER);
    }
    return spans;
  }

  private static void rewrite(List<KeyValue> tags) {
    for (int i = 0; i < tags.size(); i++) {
      KeyValue tag = tags.get(i);
      if (!KEYS.contains(tag.key())) {
        continue;
      }
      switch (tag.type()) {
        case INT64 -> tags.set(i, KeyValue.string(tag.key(), IpText.ipv4((int) tag.int64Value())));
        case FLOAT64 -> tags.set(i,
            KeyValue.string(tag.key(), IpText.ipv4((int) (long) tag.float64Value())));
        default -> {
          // Text and other types are left as they are.
        }
      }
    }
  }
}
