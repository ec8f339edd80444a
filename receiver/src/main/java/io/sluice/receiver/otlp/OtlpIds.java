package io.sluice.receiver.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;

/**
 * Checks trace and span ids the way the collector's pdata does when it reads a request: an id is
 * either empty or exactly 16 (trace) or 8 (span) bytes.
 */
final class OtlpIds {
  static final int TRACE_ID_BYTES = 16;
  static final int SPAN_ID_BYTES = 8;
  static final String INVALID_LENGTH = "invalid length for ID";

  private OtlpIds() {}

  /** Returns {@code request} when all its ids have a valid length; throws otherwise. */
  static ExportTraceServiceRequest check(ExportTraceServiceRequest request) throws IOException {
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          checkSpan(span);
        }
      }
    }
    return request;
  }

  private static void checkSpan(Span span) throws IOException {
    checkLength(span.getTraceId(), TRACE_ID_BYTES);
    checkLength(span.getSpanId(), SPAN_ID_BYTES);
    checkLength(span.getParentSpanId(), SPAN_ID_BYTES);
    for (Span.Link link : span.getLinksList()) {
      checkLength(link.getTraceId(), TRACE_ID_BYTES);
      checkLength(link.getSpanId(), SPAN_ID_BYTES);
    }
  }

  private static void checkLength(ByteString id, int length) throws IOException {
    if (!id.isEmpty() && id.size() != length) {
      throw new IOException(INVALID_LENGTH);
    }
  }
}
