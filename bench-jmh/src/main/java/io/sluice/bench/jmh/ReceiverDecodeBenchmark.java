package io.sluice.bench.jmh;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sluice.pipeline.Traces;
import io.sluice.receiver.otlp.OtlpHttpEncoding;
import io.sluice.receiver.otlp.OtlpJsonDecoder;
import io.sluice.storage.es.JsonBuffer;
import io.sluice.storage.es.SpanDocumentWriter;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.translate.OtlpToJaeger;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Requests per second through the OTLP receiver's decode path against the floor, a bare
 * {@code ExportTraceServiceRequest.parseFrom} of the same protobuf bytes, plus the storage
 * exporter's per-span CPU cost (translation to Jaeger and rendering the OpenSearch document).
 *
 * <p>The bodies are {@link UserLoadBodies} of {@link #spans} spans, built once. The receiver
 * path is what the HTTP handler runs for an uncompressed body: {@link OtlpHttpEncoding#decode}
 * (protobuf: parse and id-length check; JSON: UTF-8 check and the streaming decoder), then the
 * {@link Traces} wrapper and its span count, which the handler takes for its metrics. The
 * secondary results {@code spans} and {@code bytes} are per second, so {@code bytes} / 10^6 is
 * MB/s of request body. Issue 4's goal: the receiver's protobuf path within 1.5× of the floor.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReceiverDecodeBenchmark {
  /** The request bodies of one size, in both encodings, and the decoded batch. */
  @State(Scope.Benchmark)
  public static class Bodies {
    /** Spans per request body. */
    @Param({"1", "100", "512"})
    public int spans;

    private byte[] protobuf;
    private byte[] json;
    private Traces traces;
    private final SpanDocumentWriter writer = new SpanDocumentWriter();

    /** Builds the bodies and checks that both decode to the request they were built from. */
    @Setup(Level.Trial)
    public void build() throws IOException {
      ExportTraceServiceRequest request = UserLoadBodies.request(spans);
      protobuf = request.toByteArray();
      json = UserLoadBodies.json(request);
      if (!OtlpJsonDecoder.decode(json).equals(request)) {
        throw new IllegalStateException("the JSON body does not decode to its request");
      }
      if (!OtlpHttpEncoding.PROTOBUF.decode(protobuf).equals(request)) {
        throw new IllegalStateException("the protobuf body does not decode to its request");
      }
      traces = Traces.of(request.getResourceSpansList());
    }
  }

  /** Spans and body bytes handled, reported per second next to the requests. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Handled {
    /** Spans handled in this iteration. */
    public long spans;
    /** Request body bytes handled in this iteration. */
    public long bytes;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      spans = 0;
      bytes = 0;
    }

    void add(int spanCount, byte[] body) {
      spans += spanCount;
      bytes += body.length;
    }
  }

  /** Per-thread output of the storage write path, reused as the exporter reuses its buffer. */
  @State(Scope.Thread)
  public static class Documents {
    private final JsonBuffer buffer = new JsonBuffer(64 * 1024);
  }

  /** The receiver's protobuf path: decode with id checks, then wrap and count. */
  @Benchmark
  public Traces protobufReceiver(Bodies bodies, Handled handled) throws IOException {
    ExportTraceServiceRequest request = OtlpHttpEncoding.PROTOBUF.decode(bodies.protobuf);
    Traces traces = Traces.of(request.getResourceSpansList());
    handled.add(traces.spanCount(), bodies.protobuf);
    return traces;
  }

  /** The floor: protobuf-java's parse of the same bytes, nothing else. */
  @Benchmark
  public ExportTraceServiceRequest protobufParseFrom(Bodies bodies, Handled handled)
      throws IOException {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(bodies.protobuf);
    handled.add(bodies.spans, bodies.protobuf);
    return request;
  }

  /** The receiver's JSON path: UTF-8 check and streaming decode, then wrap and count. */
  @Benchmark
  public Traces jsonReceiver(Bodies bodies, Handled handled) throws IOException {
    ExportTraceServiceRequest request = OtlpHttpEncoding.JSON.decode(bodies.json);
    Traces traces = Traces.of(request.getResourceSpansList());
    handled.add(traces.spanCount(), bodies.json);
    return traces;
  }

  /**
   * The storage exporter's CPU work for one batch: translate to Jaeger spans and render each
   * span's document into a reused buffer; {@code bytes} counts the protobuf body it came from.
   */
  @Benchmark
  public int storageDocuments(Bodies bodies, Handled handled, Documents documents) {
    JsonBuffer buffer = documents.buffer;
    buffer.reset();
    List<JaegerSpan> jaegerSpans = OtlpToJaeger.translate(bodies.traces);
    for (JaegerSpan span : jaegerSpans) {
      bodies.writer.write(span, buffer);
    }
    handled.add(jaegerSpans.size(), bodies.protobuf);
    return buffer.size();
  }
}
