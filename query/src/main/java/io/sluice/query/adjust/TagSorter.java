package io.sluice.query.adjust;

import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanLog;
import io.sluice.storage.model.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Sorts span tags and process tags by {@link KeyValueOrder}, and log fields likewise after
 * moving a string {@code event} field first (Jaeger's {@code SortTagsAndLogFields}).
 */
final class TagSorter implements Adjuster {
  @Override
  public List<AdjustableSpan> adjust(List<AdjustableSpan> spans) {
    for (AdjustableSpan span : spans) {
      span.tags().sort(KeyValueOrder.ORDER);
      span.processTags().sort(KeyValueOrder.ORDER);
      List<SpanLog> logs = span.logs();
      for (int i = 0; i < logs.size(); i++) {
        logs.set(i, sortFields(logs.get(i)));
      }
    }
    return spans;
  }

  private static SpanLog sortFields(SpanLog log) {
    List<KeyValue> fields = new ArrayList<>(log.fields());
    int offset = 0;
    for (int i = 0; i < fields.size(); i++) {
      KeyValue field = fields.get(i);
      if (field.key().equals("event") && field.type() == ValueType.STRING) {
        Collections.swap(fields, 0, i);
        offset = 1;
        break;
      }
    }
    fields.subList(offset, fields.size()).sort(KeyValueOrder.ORDER);
    return new SpanLog(log.timestampNanos(), List.copyOf(fields));
  }
}
