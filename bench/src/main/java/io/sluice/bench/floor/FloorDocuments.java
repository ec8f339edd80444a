package io.sluice.bench.floor;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.sluice.bench.UserTrace;
import io.sluice.storage.es.BulkActions;
import io.sluice.storage.es.IndexNames;
import io.sluice.storage.es.JsonBuffer;
import io.sluice.storage.es.SpanDocumentIds;
import io.sluice.storage.es.SpanDocumentWriter;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.translate.OtlpToJaeger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders the user's traces into span bulk items (action line and document, NDJSON) exactly as
 * the collector writes them when bench.jar sends it the same traces: the OpenTelemetry SDK emits
 * {@link UserTrace} with bench's resource, the SDK's OTLP/HTTP exporter encodes the spans (into
 * an {@link OtlpSink} on loopback, so the bytes are the ones a collector receives), and
 * Sluice's translation and {@link SpanDocumentWriter} make the documents, named into the daily
 * span index of the prefix. Service documents are left out: the collector writes each once per
 * service and operation, three in a whole run.
 */
final class FloorDocuments {
  private static final long TRACE_SPACING_NANOS = 1_000;
  private static final int EXPORT_BATCH_SPANS = 512;

  private FloorDocuments() {}

  /**
   * Returns the items of the first {@code spanCount} spans the SDK ends (per trace: redis's
   * {@code ping}, {@code gorm.Raw}, then {@code /ping/GRM}), the first trace starting at
   * {@code startEpochNanos} and each next one 1 µs later; with {@code withIds} each action line
   * carries the collector's deterministic {@code _id}, without it none (as Jaeger writes). The
   * items come in the order the OTLP exporter encodes them (grouped by scope per export).
   */
  static List<byte[]> render(int spanCount, String serviceName, String indexPrefix,
      boolean withIds, long startEpochNanos) {
    int traces = (spanCount + UserTrace.SPANS_PER_TRACE - 1) / UserTrace.SPANS_PER_TRACE;
    List<SpanData> ended = emit(traces, serviceName, startEpochNanos);
    List<JaegerSpan> spans = translate(ended.subList(0, spanCount));
    IndexNames names = IndexNames.daily(indexPrefix);
    SpanDocumentWriter writer = new SpanDocumentWriter();
    JsonBuffer buffer = new JsonBuffer(8192);
    List<byte[]> items = new ArrayList<>(spans.size());
    for (JaegerSpan span : spans) {
      buffer.reset();
      BulkActions.writeIndex(buffer, names.spanIndex(span.startTimeNanos()),
          withIds ? SpanDocumentIds.of(span) : null);
      buffer.writeByte('\n');
      writer.write(span, buffer);
      buffer.writeByte('\n');
      items.add(buffer.toByteArray());
    }
    return items;
  }

  private static List<SpanData> emit(int traces, String serviceName, long startEpochNanos) {
    List<SpanData> ended = new ArrayList<>(traces * UserTrace.SPANS_PER_TRACE);
    try (SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(resource(serviceName))
        .addSpanProcessor(SimpleSpanProcessor.create(new Collecting(ended)))
        .build()) {
      UserTrace trace = new UserTrace(provider);
      for (int i = 0; i < traces; i++) {
        trace.emit(startEpochNanos + i * TRACE_SPACING_NANOS);
      }
    }
    return ended;
  }

  // bench.jar's resource (LoadRun): the SDK's default attributes, the service and a host name.
  private static Resource resource(String serviceName) {
    return Resource.getDefault().merge(Resource.create(Attributes.builder()
        .put("service.name", serviceName)
        .put("host.name", "bench-host")
        .build()));
  }

  // The SDK's own OTLP/HTTP exporter encodes the spans, into a loopback sink that keeps them.
  private static List<JaegerSpan> translate(List<SpanData> spans) {
    List<JaegerSpan> out = new ArrayList<>(spans.size());
    try (OtlpSink sink = OtlpSink.start();
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
            .setEndpoint(sink.endpoint())
            .build()) {
      for (int from = 0; from < spans.size(); from += EXPORT_BATCH_SPANS) {
        int to = Math.min(spans.size(), from + EXPORT_BATCH_SPANS);
        List<SpanData> batch = spans.subList(from, to);
        CompletableResultCode result = exporter.export(batch).join(30, TimeUnit.SECONDS);
        if (!result.isSuccess()) {
          throw new IllegalStateException("the OTLP exporter could not hand spans to the sink");
        }
        for (byte[] body : sink.takeBodies()) {
          for (ResourceSpans resourceSpans :
              ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
            OtlpToJaeger.appendSpans(resourceSpans, out);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not decode the user's spans from OTLP", e);
    }
    return out;
  }

  /** Keeps every ended span, as the SDK hands them over one by one. */
  private static final class Collecting implements SpanExporter {
    private final List<SpanData> ended;

    Collecting(List<SpanData> ended) {
      this.ended = ended;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      ended.addAll(spans);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
