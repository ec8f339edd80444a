package io.sluice.bench.jmh;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.TracesConsumer;
import io.sluice.pipeline.status.StatusReporter;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import io.sluice.processor.batch.BatchConfig;
import io.sluice.processor.batch.BatchProcessor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Spans per second through the {@code batch} processor against the floor: a plain
 * {@link ArrayBlockingQueue} hand-off of the same pre-built batches to one taker thread.
 *
 * <p>Each operation hands over one batch of {@value #SPANS_PER_BATCH} spans and waits for the
 * answer, as a receiver does before it answers its client, so the score is spans/s. The
 * processor runs with the default config ({@code send_batch_size} 8192, {@code timeout} 200ms,
 * {@code max_wait} 5s) and the production channel of {@code availableProcessors()} slots; its
 * next stage only counts spans. The queue has the same capacity and its taker does the same
 * counting. Issue 5's goal: the processor within 1.3× of the queue at 1, 2 and 8 producers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BatchHandOffBenchmark.SPANS_PER_BATCH)
public class BatchHandOffBenchmark {
  /** Spans in each input batch. */
  public static final int SPANS_PER_BATCH = 64;

  private static final int DISTINCT_BATCHES = 256;
  private static final Traces[] BATCHES = buildBatches();

  private static final Host NO_EXTENSIONS = new Host() {
    @Override
    public Map<ComponentId, Extension> extensions() {
      return Map.of();
    }

    @Override
    public StatusReporter status() {
      return StatusReporter.NONE;
    }
  };

  /** The processor under test, with a next stage that only counts. */
  @State(Scope.Benchmark)
  public static class ProcessorState {
    private final LongAdder taken = new LongAdder();
    private Vertx vertx;
    private BatchProcessor processor;

    /** Starts the processor. */
    @Setup(Level.Trial)
    public void start() {
      vertx = Vertx.vertx();
      TracesConsumer next = traces -> {
        taken.add(traces.spanCount());
        return Future.succeededFuture();
      };
      CreateSettings settings = new CreateSettings(ComponentId.parse("batch"),
          ComponentKind.PROCESSOR, vertx,
          new Telemetry(MetricsLevel.BASIC, new SimpleMeterRegistry()));
      processor = new BatchProcessor(settings, BatchConfig.defaults(), next);
      processor.start(NO_EXTENSIONS).toCompletionStage().toCompletableFuture().join();
    }

    /** Drains and stops the processor. */
    @TearDown(Level.Trial)
    public void stop() {
      processor.shutdown().toCompletionStage().toCompletableFuture().join();
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    void send(Traces traces) {
      processor.consume(traces).toCompletionStage().toCompletableFuture().join();
    }
  }

  /** The floor: a bounded queue of the channel's size and one taker thread that counts. */
  @State(Scope.Benchmark)
  public static class QueueState {
    private final LongAdder taken = new LongAdder();
    private final ArrayBlockingQueue<Traces> queue =
        new ArrayBlockingQueue<>(Runtime.getRuntime().availableProcessors());
    private Thread taker;

    /** Starts the taker. */
    @Setup(Level.Trial)
    public void start() {
      taker = new Thread(this::take, "queue-taker");
      taker.setDaemon(true);
      taker.start();
    }

    /** Stops the taker. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      taker.interrupt();
      taker.join();
    }

    void send(Traces traces) throws InterruptedException {
      queue.put(traces);
    }

    private void take() {
      try {
        while (true) {
          taken.add(queue.take().spanCount());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Each producer thread's walk over the pre-built batches. */
  @State(Scope.Thread)
  public static class Cursor {
    private int next = ThreadLocalRandom.current().nextInt(DISTINCT_BATCHES);

    Traces next() {
      next = next + 1 == DISTINCT_BATCHES ? 0 : next + 1;
      return BATCHES[next];
    }
  }

  /** One producer through the batch processor. */
  @Benchmark
  @Threads(1)
  public void processor1(ProcessorState state, Cursor cursor) {
    state.send(cursor.next());
  }

  /** Two producers through the batch processor. */
  @Benchmark
  @Threads(2)
  public void processor2(ProcessorState state, Cursor cursor) {
    state.send(cursor.next());
  }

  /** Eight producers through the batch processor. */
  @Benchmark
  @Threads(8)
  public void processor8(ProcessorState state, Cursor cursor) {
    state.send(cursor.next());
  }

  /** One producer through the plain queue (the floor). */
  @Benchmark
  @Threads(1)
  public void queue1(QueueState state, Cursor cursor) throws InterruptedException {
    state.send(cursor.next());
  }

  /** Two producers through the plain queue (the floor). */
  @Benchmark
  @Threads(2)
  public void queue2(QueueState state, Cursor cursor) throws InterruptedException {
    state.send(cursor.next());
  }

  /** Eight producers through the plain queue (the floor). */
  @Benchmark
  @Threads(8)
  public void queue8(QueueState state, Cursor cursor) throws InterruptedException {
    state.send(cursor.next());
  }

  private static Traces[] buildBatches() {
    Traces[] batches = new Traces[DISTINCT_BATCHES];
    for (int b = 0; b < DISTINCT_BATCHES; b++) {
      batches[b] = batch(b);
    }
    return batches;
  }

  // A realistic small export: one service, one scope, spans with ids, times and two attributes.
  private static Traces batch(int number) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    ScopeSpans.Builder scope = ScopeSpans.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName("io.sluice.bench").setVersion("1.0"));
    for (int i = 0; i < SPANS_PER_BATCH; i++) {
      long start = 1_700_000_000_000_000_000L + random.nextLong(1_000_000_000L);
      scope.addSpans(Span.newBuilder()
          .setTraceId(randomBytes(16))
          .setSpanId(randomBytes(8))
          .setName("GET /api/items/" + i)
          .setKind(Span.SpanKind.SPAN_KIND_SERVER)
          .setStartTimeUnixNano(start)
          .setEndTimeUnixNano(start + random.nextLong(1_000_000L, 50_000_000L))
          .addAttributes(attribute("http.method", "GET"))
          .addAttributes(attribute("http.route", "/api/items/{id}")));
    }
    ResourceSpans resource = ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder()
            .addAttributes(attribute("service.name", "bench-" + number % 8)))
        .addScopeSpans(scope)
        .build();
    return Traces.of(List.of(resource));
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static ByteString randomBytes(int length) {
    byte[] bytes = new byte[length];
    ThreadLocalRandom.current().nextBytes(bytes);
    return ByteString.copyFrom(bytes);
  }
}
