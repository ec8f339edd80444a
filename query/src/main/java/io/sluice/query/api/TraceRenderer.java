package io.sluice.query.api;

import io.sluice.query.adjust.AdjustableSpan;
import io.sluice.query.adjust.Adjuster;
import io.sluice.query.adjust.Adjusters;
import io.sluice.query.api.ApiResponses.TraceError;
import io.sluice.query.json.UiTraceJson;
import io.sluice.storage.es.JsonBuffer;
import io.sluice.storage.model.JaegerSpan;
import java.util.Comparator;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Turns traces read from storage into the body of a trace response: each trace is copied,
 * adjusted (unless raw) and written in the UI model inside the envelope.
 *
 * <p>This is CPU work proportional to the number of spans, so the API runs it on a worker
 * thread rather than the event loop.
 */
final class TraceRenderer {
  /**
   * The order of the traces of a search, since Jaeger's is random: newest first by each
   * trace's earliest span start, then by trace id.
   */
  static final Comparator<List<JaegerSpan>> NEWEST_FIRST =
      Comparator.comparingLong(TraceRenderer::earliestStartNanos).reversed()
          .thenComparing(TraceRenderer::traceIdHex);

  private static final int BYTES_PER_SPAN_ESTIMATE = 1024;
  // Presize for at most 16 MiB; a larger answer grows the buffer as it is written.
  private static final int MAX_SPANS_PRESIZED = 16_384;

  private final List<Adjuster> adjusters;

  TraceRenderer(List<Adjuster> adjusters) {
    this.adjusters = adjusters;
  }

  /**
   * Returns the response envelope for {@code traces}, in the given order.
   *
   * @throws IllegalArgumentException when a value cannot be written as JSON (a NaN float)
   */
  JsonBuffer render(List<List<JaegerSpan>> traces, boolean adjust,
      @Nullable List<TraceError> errors) {
    int spanCount = traces.stream().mapToInt(List::size).sum();
    JsonBuffer out =
        ApiResponses.begin(256 + Math.min(spanCount, MAX_SPANS_PRESIZED) * BYTES_PER_SPAN_ESTIMATE);
    out.writeByte('[');
    for (int i = 0; i < traces.size(); i++) {
      if (i > 0) {
        out.writeByte(',');
      }
      List<AdjustableSpan> spans = AdjustableSpan.copyAll(traces.get(i));
      List<AdjustableSpan> adjusted = adjust
          ? Adjusters.apply(adjusters, spans)
          : Adjusters.apply(List.of(), spans);
      UiTraceJson.writeTrace(out, adjusted);
    }
    out.writeByte(']');
    return ApiResponses.end(out, 0, errors);
  }

  private static long earliestStartNanos(List<JaegerSpan> trace) {
    long earliest = Long.MAX_VALUE;
    for (JaegerSpan span : trace) {
      earliest = Math.min(earliest, span.startTimeNanos());
    }
    return earliest;
  }

  private static String traceIdHex(List<JaegerSpan> trace) {
    return trace.isEmpty() ? "" : trace.get(0).traceIdHex();
  }
}
