package io.sluice.query.adjust;

import java.util.List;

/**
 * One step that corrects a trace before the query API shows it, as Jaeger's
 * {@code model/adjuster} package does. An adjuster never fails: problems become span
 * warnings.
 */
@FunctionalInterface
public interface Adjuster {
  /** Adjusts the spans of one trace, in place where it can, and returns the spans to keep. */
  List<AdjustableSpan> adjust(List<AdjustableSpan> spans);
}
