package io.sluice.collector.e2e;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The traces the trace viewer test looks at, sent through the OpenTelemetry Java SDK over
 * OTLP/HTTP: a 7-span checkout across two services (depth 3, one error span, one span event,
 * markup in a span name and a tag), a 3-span report with one span whose parent was never sent,
 * and a 10,000-span batch import (depth 3).
 *
 * <p>Spans are created in the order the viewer shows them (parents first, siblings by start
 * time), so {@link #checkoutRows()}, {@link #orphanRows()} and {@link #bulkRows()} are the
 * expected waterfalls.
 */
final class ViewerTraces implements AutoCloseable {
  static final String FRONTEND = "shop-frontend";
  static final String PAYMENTS = "shop-payments";
  static final String BULK = "bulk-loader";
  static final String CRON = "report-cron";
  /** The parent span of the report's orphan: referenced, never sent. */
  static final String MISSING_PARENT_ID = "00000000000000ab";
  static final String SCOPE = "io.sluice.viewer-it";
  static final String SCOPE_VERSION = "1.0.0";
  /** A tag value that runs script if the page ever puts span data into HTML unescaped. */
  static final String SCRIPT_PROBE = "<img src=x onerror=\"window.sluiceXss=true\">";
  static final String MARKUP_NAME = "fraud.check <b>v2</b>";
  static final int BULK_CHUNKS = 99;
  static final int BULK_ROWS_PER_CHUNK = 100;
  static final int BULK_SPANS = 1 + BULK_CHUNKS + BULK_CHUNKS * BULK_ROWS_PER_CHUNK;
  private static final long MILLI = 1_000_000L;

  /** One waterfall row as the viewer should show it. */
  record Row(String spanId, int depth, String parentId, String operation) {}

  private final List<SdkTracerProvider> providers = new ArrayList<>();
  private final List<Row> checkoutRows = new ArrayList<>();
  private final List<Row> orphanRows = new ArrayList<>();
  private final List<Row> bulkRows = new ArrayList<>();
  private final String endpoint;
  private final long baseNanos;
  private String checkoutTraceId;
  private String orphanTraceId;
  private String bulkTraceId;
  private String errorSpanId;
  private String eventSpanId;

  /** Traces start at {@code baseNanos}; spans go to {@code otlpHttpUrl}/v1/traces. */
  ViewerTraces(String otlpHttpUrl, long baseNanos) {
    this.endpoint = otlpHttpUrl + "/v1/traces";
    this.baseNanos = baseNanos;
  }

  /** Creates both traces, then waits until the SDK exported every span. */
  void sendAndFlush() {
    sendCheckout();
    sendOrphan();
    sendBulk();
    for (SdkTracerProvider provider : providers) {
      CompletableResultCode flush = provider.forceFlush().join(60, TimeUnit.SECONDS);
      if (!flush.isSuccess()) {
        throw new AssertionError("the OTLP exporter did not deliver every span");
      }
    }
  }

  private void sendCheckout() {
    Tracer frontend = tracer(FRONTEND, "web-1");
    Tracer payments = tracer(PAYMENTS, "pay-1");
    Span root = start(frontend, "GET /checkout", SpanKind.SERVER, null, 0);
    root.setAttribute("http.request.method", "GET");
    root.setAttribute("http.response.status_code", 200L);
    checkoutTraceId = root.getSpanContext().getTraceId();
    addRow(checkoutRows, root, 0, null, "GET /checkout");
    Span cart = child(checkoutRows, frontend, "cart.load", SpanKind.INTERNAL, root, 0, 5);
    Span select = child(checkoutRows, frontend, "SELECT cart", SpanKind.CLIENT, cart, 1, 10);
    select.setAttribute("db.system", "postgresql");
    end(select, 30);
    Span cache = child(checkoutRows, frontend, "cache.get", SpanKind.CLIENT, cart, 1, 31);
    cache.addEvent("cache miss", Attributes.of(AttributeKey.stringKey("cache.key"), "cart:7"),
        baseNanos + 32 * MILLI, NANOSECONDS);
    eventSpanId = cache.getSpanContext().getSpanId();
    end(cache, 34);
    end(cart, 35);
    sendPayment(payments, root);
    end(root, 120);
  }

  private void sendPayment(Tracer payments, Span root) {
    Span charge = child(checkoutRows, payments, "POST /charge", SpanKind.SERVER, root, 0, 40);
    charge.setAttribute("payment.amount_cents", 4999L);
    charge.setAttribute("payment.note", SCRIPT_PROBE);
    charge.setStatus(StatusCode.ERROR, "card declined");
    errorSpanId = charge.getSpanContext().getSpanId();
    end(child(checkoutRows, payments, MARKUP_NAME, SpanKind.INTERNAL, charge, 1, 45), 60);
    end(child(checkoutRows, payments, "ledger.write", SpanKind.CLIENT, charge, 1, 65), 100);
    end(charge, 110);
  }

  private void sendOrphan() {
    Tracer cron = tracer(CRON, "cron-1");
    Span root = start(cron, "nightly report", SpanKind.INTERNAL, null, 0);
    orphanTraceId = root.getSpanContext().getTraceId();
    addRow(orphanRows, root, 0, null, "nightly report");
    end(child(orphanRows, cron, "render pdf", SpanKind.INTERNAL, root, 0, 10), 30);
    end(root, 50);
    Span missing = Span.wrap(SpanContext.createFromRemoteParent(orphanTraceId,
        MISSING_PARENT_ID, TraceFlags.getSampled(), TraceState.getDefault()));
    Span orphan = start(cron, "late upload", SpanKind.CLIENT, missing, 60);
    addRow(orphanRows, orphan, 0, null, "late upload");
    end(orphan, 80);
  }

  private void sendBulk() {
    Tracer bulk = tracer(BULK, "batch-1");
    Span root = start(bulk, "import batch", SpanKind.INTERNAL, null, 0);
    bulkTraceId = root.getSpanContext().getTraceId();
    addRow(bulkRows, root, 0, null, "import batch");
    for (int c = 0; c < BULK_CHUNKS; c++) {
      long chunkMillis = c * 100L;
      Span chunk = child(bulkRows, bulk, "chunk " + c, SpanKind.INTERNAL, root, 0, chunkMillis);
      for (int r = 0; r < BULK_ROWS_PER_CHUNK; r++) {
        Span row = child(bulkRows, bulk, "row " + r, SpanKind.CLIENT, chunk, 1, chunkMillis + r);
        row.end(baseNanos + (chunkMillis + r) * MILLI + 900_000L, NANOSECONDS);
      }
      end(chunk, chunkMillis + 100);
    }
    end(root, 10_000);
  }

  private Tracer tracer(String service, String host) {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.create(Attributes.of(
            AttributeKey.stringKey("service.name"), service,
            AttributeKey.stringKey("host.name"), host)))
        .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint)
                .setTimeout(Duration.ofSeconds(30))
                .build())
            .setScheduleDelay(Duration.ofMillis(50))
            .setMaxExportBatchSize(512)
            .setMaxQueueSize(2 * BULK_SPANS)
            .build())
        .build();
    providers.add(provider);
    return provider.tracerBuilder(SCOPE).setInstrumentationVersion(SCOPE_VERSION).build();
  }

  /** Starts a child of {@code parent} at the parent's depth + 1 and records its row. */
  private Span child(List<Row> rows, Tracer tracer, String name, SpanKind kind, Span parent,
      int parentDepth, long startMillis) {
    Span span = start(tracer, name, kind, parent, startMillis);
    addRow(rows, span, parentDepth + 1, parent, name);
    return span;
  }

  private Span start(Tracer tracer, String name, SpanKind kind, Span parent, long startMillis) {
    return tracer.spanBuilder(name)
        .setParent(parent == null ? Context.root() : Context.root().with(parent))
        .setSpanKind(kind)
        .setStartTimestamp(baseNanos + startMillis * MILLI, NANOSECONDS)
        .startSpan();
  }

  private void end(Span span, long endMillis) {
    span.end(baseNanos + endMillis * MILLI, NANOSECONDS);
  }

  private static void addRow(List<Row> rows, Span span, int depth, Span parent, String name) {
    String parentId = parent == null ? "" : parent.getSpanContext().getSpanId();
    rows.add(new Row(span.getSpanContext().getSpanId(), depth, parentId, name));
  }

  /** Returns the checkout trace's ID (32 hex digits). */
  String checkoutTraceId() {
    return checkoutTraceId;
  }

  /** Returns the report trace's ID (32 hex digits). */
  String orphanTraceId() {
    return orphanTraceId;
  }

  /** Returns the bulk import trace's ID (32 hex digits). */
  String bulkTraceId() {
    return bulkTraceId;
  }

  /** Returns the {@code POST /charge} span, the one with the error status. */
  String errorSpanId() {
    return errorSpanId;
  }

  /** Returns the {@code cache.get} span, the one with the span event. */
  String eventSpanId() {
    return eventSpanId;
  }

  /** Returns the checkout trace's 7 rows in waterfall order. */
  List<Row> checkoutRows() {
    return checkoutRows;
  }

  /** Returns the report's 3 rows in waterfall order: the orphan at the root level, last. */
  List<Row> orphanRows() {
    return orphanRows;
  }

  /** Returns the bulk trace's 10,000 rows in waterfall order. */
  List<Row> bulkRows() {
    return bulkRows;
  }

  /** Returns the total number of spans sent. */
  int spanCount() {
    return checkoutRows.size() + orphanRows.size() + bulkRows.size();
  }

  @Override
  public void close() {
    for (SdkTracerProvider provider : providers) {
      provider.shutdown().join(30, TimeUnit.SECONDS);
    }
  }
}
