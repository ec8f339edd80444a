package io.sluice.storage.opensearch;

import io.sluice.storage.model.JaegerSpan;
import java.util.List;

/** Turns spans into rendered bulk items: per span, its service document (when due), then it. */
interface BulkRenderer {
  /** Renders {@code spans}; service documents already written or pending are left out. */
  List<BulkItem> render(List<JaegerSpan> spans);
}
