package io.sluice.query.adjust;

import io.sluice.storage.model.KeyValue;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Moves the OpenTelemetry SDK's {@code telemetry.sdk.*} and {@code telemetry.distro.*} tags
 * from the span to its process, which describes the SDK, and sorts the process tags (Jaeger's
 * {@code OTelTagAdjuster}).
 */
final class OtelTagAdjuster implements Adjuster {
  private static final Set<String> LIBRARY_KEYS = Set.of(
      "telemetry.sdk.language",
      "telemetry.sdk.name",
      "telemetry.sdk.version",
      "telemetry.distro.name",
      "telemetry.distro.version");

  @Override
  public List<AdjustableSpan> adjust(List<AdjustableSpan> spans) {
    for (AdjustableSpan span : spans) {
      Iterator<KeyValue> tags = span.tags().iterator();
      while (tags.hasNext()) {
        KeyValue tag = tags.next();
        if (LIBRARY_KEYS.contains(tag.key())) {
          span.processTags().add(tag);
          tags.remove();
        }
      }
      span.processTags().sort(KeyValueOrder.ORDER);
    }
    return spans;
  }
}
