package io.sluice.storage.read;

import static io.sluice.storage.read.Spans.childOf;
import static io.sluice.storage.read.Spans.shifted;
import static io.sluice.storage.read.Spans.span;
import static io.sluice.storage.read.Spans.withLogs;
import static io.sluice.storage.read.Spans.withProcessTags;
import static io.sluice.storage.read.Spans.withTags;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.exporter.storage.WorkedExample;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanLog;
import io.sluice.storage.translate.OtlpToJaeger;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link TraceReader} answers for one data set, written once per test class: the
 * worked example of spec §9 moved to two hours ago, a two-service checkout trace, three
 * {@code batch} runs ten seconds apart and a trace whose 32-digit id starts with 0.
 *
 * <p>Subclasses store the data their way and say, through the hooks, where their backend
 * differs: how it orders services, whether operations know their span kind, how precisely it
 * keeps times, and how dependency links come to exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TraceReaderContract {
  protected static final long MS = 1_000_000L;
  protected static final long SECOND = 1_000_000_000L;
  protected static final TraceId WORKED = TraceId.parse(WorkedExample.TRACE);
  protected static final TraceId CHECKOUT = TraceId.parse("c4ec0000000000000000000000000001");
  protected static final TraceId EDGE = TraceId.parse("0af7651916cd43dd8448eb211c80319c");
  protected static final List<TraceId> RUNS = List.of(TraceId.parse("000000000000b001"),
      TraceId.parse("000000000000b002"), TraceId.parse("000000000000b003"));

  /** The start of the data: two hours ago, moved so that the data stays within one UTC day. */
  protected long base;

  /** Opens the backend; runs before the data is written. */
  protected abstract void open() throws Exception;

  /** Releases the backend; by default nothing. */
  protected void close() throws Exception {}

  /** Returns the reader under test. */
  protected abstract TraceReader reader();

  /** Stores the spans and returns once every reader call sees them. */
  protected abstract void store(List<JaegerSpan> spans) throws Exception;

  /** Records links as an external job would at {@code at}; a backend may derive them instead. */
  protected abstract void recordDependencies(Instant at, List<DependencyLink> links)
      throws Exception;

  /** Returns the span as this backend gives it back. */
  protected abstract JaegerSpan stored(JaegerSpan written);

  /** Returns the services of the data set in this backend's order. */
  protected abstract List<String> expectedServices();

  /** Returns the operations of {@code oteltrace} (by name, with kinds) as this backend has them. */
  protected abstract List<Operation> expectedWorkedOperations(List<Operation> withKinds);

  @BeforeAll
  final void writeDataSet() throws Exception {
    base = dataStart();
    open();
    store(dataSet());
    recordDependencies(Instant.ofEpochSecond(0, base),
        List.of(new DependencyLink("frontend", "backend", 1)));
  }

  @AfterAll
  final void closeBackend() throws Exception {
    close();
  }

  private static long dataStart() {
    long start = (System.currentTimeMillis() - Duration.ofHours(2).toMillis()) * MS;
    long dayNanos = Duration.ofDays(1).toNanos();
    return Math.floorMod(start, dayNanos) > dayNanos - 5 * 60 * SECOND
        ? start - 10 * 60 * SECOND : start;
  }

  /** Returns every span of the data set. */
  protected List<JaegerSpan> dataSet() {
    List<JaegerSpan> spans = new ArrayList<>(workedExample());
    spans.addAll(checkout());
    for (int run = 1; run <= 3; run++) {
      spans.add(run(run));
    }
    spans.add(span(EDGE, 0xe1, "edge", "ping", base + 40 * SECOND, 3 * MS));
    return spans;
  }

  /** Returns the worked example's three spans, moved to start at {@link #base} (same ns part). */
  protected List<JaegerSpan> workedExample() {
    long delta = (base / SECOND - 1_734_429_600L) * SECOND;
    return OtlpToJaeger.translate(WorkedExample.traces()).stream()
        .map(s -> shifted(s, delta))
        .toList();
  }

  /** Returns the frontend span (status 500, a retry log) and its backend child. */
  protected List<JaegerSpan> checkout() {
    JaegerSpan frontend = withLogs(withProcessTags(withTags(
        span(CHECKOUT, 0xf1, "frontend", "GET /checkout", base + SECOND, 100 * MS),
        KeyValue.string("span.kind", "server"),
        KeyValue.int64("http.response.status_code", 500),
        KeyValue.bool("error", true)),
        KeyValue.string("host.name", "web-1")),
        new SpanLog(base + SECOND + 5 * MS,
            List.of(KeyValue.string("event", "retry"), KeyValue.int64("attempt", 2))));
    JaegerSpan backend = childOf(withProcessTags(withTags(
        span(CHECKOUT, 0xf2, "backend", "charge", base + SECOND + 10 * MS, 40 * MS),
        KeyValue.string("span.kind", "server"),
        KeyValue.float64("payment.amount", 12.5)),
        KeyValue.string("host.name", "db-1")), 0xf1);
    return List.of(frontend, backend);
  }

  /** Returns batch run {@code n}: starts {@code 10n} s after base and lasts {@code n} ms. */
  protected JaegerSpan run(int n) {
    return withTags(span(RUNS.get(n - 1), 0xb0 + n, "batch", "nightly",
        base + 10L * n * SECOND, n * MS), KeyValue.int64("run", n));
  }

  @Test
  void servicesListsEveryService() {
    assertThat(get(reader().services())).isEqualTo(expectedServices());
  }

  @Test
  void operationsListsTheServiceOperations() {
    List<Operation> withKinds = List.of(new Operation("GET", "client"),
        new Operation("GET /api/users", "server"), new Operation("SELECT users", "client"));

    assertThat(get(reader().operations("oteltrace", null)))
        .isEqualTo(expectedWorkedOperations(withKinds));
    assertThat(get(reader().operations("oteltrace", "")))
        .isEqualTo(expectedWorkedOperations(withKinds));
  }

  @Test
  void operationsOfAnUnknownServiceAreEmpty() {
    assertThat(get(reader().operations("nobody", null))).isEmpty();
  }

  @Test
  void traceByIdReturnsTheWorkedExampleSpans() {
    List<JaegerSpan> expected = workedExample().stream().map(this::stored).toList();

    assertThat(get(reader().trace(WORKED))).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void traceByIdOfAnUnknownTraceIsEmpty() {
    assertThat(get(reader().trace(TraceId.parse("5b8efff798038103d269b633813fc60d")))).isEmpty();
  }

  @Test
  void traceByIdFindsIdsWithLeadingZeros() {
    assertThat(get(reader().trace(EDGE))).extracting(JaegerSpan::spanId).containsExactly(0xe1L);
    assertThat(get(reader().trace(RUNS.get(1)))).containsExactly(stored(run(2)));
  }

  @Test
  void findTracesByServiceReturnsEachTraceOfTheService() {
    assertThat(traceIds(find(query("batch")))).containsExactlyInAnyOrderElementsOf(RUNS);
  }

  @Test
  void findTracesByOperationReturnsTheWholeTrace() {
    List<List<JaegerSpan>> found = find(query("oteltrace").operation("GET"));

    assertThat(found).hasSize(1);
    assertThat(found.get(0)).containsExactlyInAnyOrderElementsOf(
        workedExample().stream().map(this::stored).toList());
  }

  @Test
  void findTracesReturnsATraceWholeWhenOneOfItsSpansMatches() {
    List<List<JaegerSpan>> found = find(query("backend").operation("charge"));

    assertThat(found).hasSize(1);
    assertThat(found.get(0)).containsExactlyInAnyOrderElementsOf(
        checkout().stream().map(this::stored).toList());
  }

  @Test
  void findTracesBySpanTagMatchesTheValueText() {
    assertThat(traceIds(find(query("frontend").tag("http.response.status_code", "500"))))
        .containsExactly(CHECKOUT);
    assertThat(traceIds(find(query("frontend").tag("error", "true"))))
        .containsExactly(CHECKOUT);
    assertThat(find(query("frontend").tag("http.response.status_code", "404"))).isEmpty();
  }

  @Test
  void findTracesByProcessTagMatches() {
    assertThat(traceIds(find(query("backend").tag("host.name", "db-1"))))
        .containsExactly(CHECKOUT);
    assertThat(find(query("backend").tag("host.name", "web-1"))).isEmpty();
  }

  @Test
  void findTracesNeedsOneSpanToMeetEveryCondition() {
    // The frontend span has the status tag, the backend span the operation: no span has both.
    assertThat(find(query("frontend").operation("charge"))).isEmpty();
    assertThat(find(query("backend").tag("http.response.status_code", "500"))).isEmpty();
  }

  @Test
  void findTracesByDurationRange() {
    assertThat(traceIds(find(query("oteltrace").durations(20 * MS, 0)))).containsExactly(WORKED);
    assertThat(find(query("oteltrace").durations(30 * MS, 0))).isEmpty();
    assertThat(traceIds(find(query("batch").durations(0, 1500_000))))
        .containsExactly(RUNS.get(0));
    assertThat(traceIds(find(query("batch").durations(1500_000, 2500_000))))
        .containsExactly(RUNS.get(1));
  }

  @Test
  void findTracesWithinTheTimeWindow() {
    QueryBuilder window = query("batch").window(base + 15 * SECOND, base + 35 * SECOND);

    assertThat(traceIds(find(window))).containsExactlyInAnyOrder(RUNS.get(1), RUNS.get(2));
    assertThat(find(query("batch").window(base + 31 * SECOND, base + 39 * SECOND))).isEmpty();
  }

  @Test
  void findTracesReturnsTheNewestTracesUpToTheLimit() {
    assertThat(traceIds(find(query("batch").limit(2))))
        .containsExactlyInAnyOrder(RUNS.get(2), RUNS.get(1));
  }

  @Test
  void findTracesOfAnUnknownServiceIsEmpty() {
    assertThat(find(query("nobody"))).isEmpty();
  }

  @Test
  void dependenciesListTheRecordedLinks() {
    assertThat(get(reader().dependencies(Instant.now(), Duration.ofHours(24))))
        .containsExactly(new DependencyLink("frontend", "backend", 1));
  }

  @Test
  void dependenciesOutsideTheLookbackAreNotListed() {
    Instant before = Instant.ofEpochSecond(0, base).minus(Duration.ofMinutes(1));

    assertThat(get(reader().dependencies(before, Duration.ofHours(1)))).isEmpty();
  }

  /** Returns a query for {@code service} over the data's window with a limit of 100. */
  protected QueryBuilder query(String service) {
    return new QueryBuilder(service, base - 60 * SECOND, base + 120 * SECOND);
  }

  protected List<List<JaegerSpan>> find(QueryBuilder query) {
    return get(reader().findTraces(query.build()));
  }

  protected static List<TraceId> traceIds(List<List<JaegerSpan>> traces) {
    return traces.stream()
        .map(t -> new TraceId(t.get(0).traceIdHigh(), t.get(0).traceIdLow()))
        .toList();
  }

  /** Waits for a reader answer, at most 60 s. */
  protected static <T> T get(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the reader failed: " + e.getMessage(), e);
    }
  }

  /** Builds {@link TraceQuery}s tersely. */
  protected static final class QueryBuilder {
    private final String service;
    @Nullable private String operation;
    private Map<String, String> tags = Map.of();
    private long startMin;
    private long startMax;
    private long durationMin;
    private long durationMax;
    private int limit = 100;

    QueryBuilder(String service, long startMin, long startMax) {
      this.service = service;
      this.startMin = startMin;
      this.startMax = startMax;
    }

    public QueryBuilder operation(String name) {
      operation = name;
      return this;
    }

    public QueryBuilder tag(String key, String value) {
      tags = Map.of(key, value);
      return this;
    }

    public QueryBuilder window(long minNanos, long maxNanos) {
      startMin = minNanos;
      startMax = maxNanos;
      return this;
    }

    public QueryBuilder durations(long minNanos, long maxNanos) {
      durationMin = minNanos;
      durationMax = maxNanos;
      return this;
    }

    public QueryBuilder limit(int traces) {
      limit = traces;
      return this;
    }

    public TraceQuery build() {
      return new TraceQuery(service, operation, tags, startMin, startMax, durationMin,
          durationMax, limit);
    }
  }
}
