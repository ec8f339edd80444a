package io.sluice.query.adjust;

import io.sluice.storage.model.SpanRef;
import java.util.Collections;
import java.util.List;

/**
 * Puts the parent reference first, as the Jaeger UI expects: the first CHILD_OF reference into
 * the same trace, else the first other one into it (Jaeger's {@code ParentReference}).
 */
final class ParentReferenceAdjuster implements Adjuster {
  @Override
  public List<AdjustableSpan> adjust(List<AdjustableSpan> spans) {
    for (AdjustableSpan span : spans) {
      int parent = parentIndex(span);
      if (parent > 0) {
        Collections.swap(span.references(), 0, parent);
      }
    }
    return spans;
  }

  private static int parentIndex(AdjustableSpan span) {
    List<SpanRef> refs = span.references();
    int firstOther = -1;
    for (int i = 0; i < refs.size(); i++) {
      SpanRef ref = refs.get(i);
      if (!span.sameTrace(ref)) {
        continue;
      }
      if (ref.refType() == SpanRef.RefType.CHILD_OF) {
        return i;
      }
      if (firstOther == -1) {
        firstOther = i;
      }
    }
    return firstOther;
  }
}
