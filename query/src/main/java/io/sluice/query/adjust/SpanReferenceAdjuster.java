package io.sluice.query.adjust;

import io.sluice.storage.model.Ids;
import io.sluice.storage.model.SpanRef;
import java.util.Iterator;
import java.util.List;

/**
 * Removes references whose trace id is 0, with a warning for each (Jaeger's
 * {@code SpanReferences} adjuster).
 */
final class SpanReferenceAdjuster implements Adjuster {
  @Override
  public List<AdjustableSpan> adjust(List<AdjustableSpan> spans) {
    for (AdjustableSpan span : spans) {
      Iterator<SpanRef> refs = span.references().iterator();
      while (refs.hasNext()) {
        SpanRef ref = refs.next();
        if (ref.traceIdHigh() == 0 && ref.traceIdLow() == 0) {
          span.addWarning("Invalid span reference removed " + goStruct(ref));
          refs.remove();
        }
      }
    }
    return spans;
  }

  /** Returns the reference as Go's {@code %+v} prints Jaeger's generated SpanRef struct. */
  static String goStruct(SpanRef ref) {
    return "{TraceID:" + Ids.traceIdHex(ref.traceIdHigh(), ref.traceIdLow())
        + " SpanID:" + Ids.spanIdHex(ref.spanId())
        + " RefType:" + ref.refType().name()
        + " XXX_NoUnkeyedLiteral:{} XXX_unrecognized:[] XXX_sizecache:0}";
  }
}
