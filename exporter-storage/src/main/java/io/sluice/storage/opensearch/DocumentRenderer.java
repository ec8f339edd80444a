package io.sluice.storage.opensearch;

import io.sluice.storage.es.BulkActions;
import io.sluice.storage.es.JsonBuffer;
import io.sluice.storage.es.ServiceDocument;
import io.sluice.storage.es.SpanDocumentIds;
import io.sluice.storage.es.SpanDocumentWriter;
import io.sluice.storage.model.JaegerSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders spans into bulk items once, when the exporter takes them: for each span its service
 * document (FNV {@code _id}, when the service cache says it is due) and then its span document
 * (deterministic {@code _id}), each as an action line and a source line.
 */
final class DocumentRenderer implements BulkRenderer {
  private static final ThreadLocal<JsonBuffer> BUFFER =
      ThreadLocal.withInitial(() -> new JsonBuffer(8192));

  private final SpanDocumentWriter spanWriter;
  private final IndexNamer indexNames;
  private final ServiceCache serviceCache;

  DocumentRenderer(SpanDocumentWriter spanWriter, IndexNamer indexNames, ServiceCache cache) {
    this.spanWriter = spanWriter;
    this.indexNames = indexNames;
    this.serviceCache = cache;
  }

  @Override
  public List<BulkItem> render(List<JaegerSpan> spans) {
    JsonBuffer buffer = BUFFER.get();
    List<BulkItem> items = new ArrayList<>(spans.size() + 8);
    for (JaegerSpan span : spans) {
      ServiceDocument service = ServiceDocument.of(span);
      String serviceId = service.id();
      if (serviceCache.claim(serviceId)) {
        items.add(serviceItem(buffer, span, service, serviceId));
      }
      items.add(spanItem(buffer, span));
    }
    return items;
  }

  private BulkItem serviceItem(
      JsonBuffer buffer, JaegerSpan span, ServiceDocument service, String id) {
    String index = indexNames.serviceIndex(span.startTimeNanos());
    buffer.reset();
    BulkActions.writeIndex(buffer, index, id);
    buffer.writeByte('\n');
    service.write(buffer);
    buffer.writeByte('\n');
    return new BulkItem(buffer.toByteArray(), false, id, index + "/" + id);
  }

  private BulkItem spanItem(JsonBuffer buffer, JaegerSpan span) {
    String index = indexNames.spanIndex(span.startTimeNanos());
    String id = SpanDocumentIds.of(span);
    buffer.reset();
    BulkActions.writeIndex(buffer, index, id);
    buffer.writeByte('\n');
    spanWriter.write(span, buffer);
    buffer.writeByte('\n');
    return new BulkItem(buffer.toByteArray(), true, null, index + "/" + id);
  }
}
