package io.sluice.storage.opensearch;

import static io.sluice.storage.config.YamlNodes.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.storage.es.GoDateLayout;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.read.DependencyLink;
import io.sluice.storage.read.Operation;
import io.sluice.storage.read.Spans;
import io.sluice.storage.read.TraceReader;
import io.sluice.storage.read.TraceReaderContract;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reader contract against a real OpenSearch 2.19 node, with the documents written by the
 * storage exporter's own writer, plus what only Elasticsearch and OpenSearch do: tag values as
 * regular expressions, log fields searched, span kinds unknown, Jaeger's refusals of bad
 * queries, and answers completed on the caller's event loop.
 */
class OpenSearchTraceReaderTest extends TraceReaderContract {
  private SearchFixture fixture;

  @Override
  protected void open() {
    fixture = startFixture();
  }

  /** Starts the backend the data set goes to: OpenSearch here. */
  protected SearchFixture startFixture() {
    return SearchFixture.start(map());
  }

  @Override
  protected void close() throws Exception {
    fixture.close();
  }

  @Override
  protected TraceReader reader() {
    return fixture.reader();
  }

  @Override
  protected void store(List<JaegerSpan> spans) throws Exception {
    fixture.write(spans);
  }

  @Override
  protected void recordDependencies(Instant at, List<DependencyLink> links) throws Exception {
    String day = GoDateLayout.of("2006-01-02").format(at.toEpochMilli());
    fixture.index("jaeger-dependencies-" + day, dependenciesDocument(at, links));
  }

  @Override
  protected JaegerSpan stored(JaegerSpan written) {
    return Spans.truncatedToMicros(written);
  }

  @Override
  protected List<String> expectedServices() {
    // By service-document count (oteltrace has three operations), then by name.
    return List.of("oteltrace", "backend", "batch", "edge", "frontend");
  }

  @Override
  protected List<Operation> expectedWorkedOperations(List<Operation> withKinds) {
    return withKinds.stream().map(op -> new Operation(op.name(), "")).toList();
  }

  /** Returns a dependencies document as spark-dependencies writes it. */
  static String dependenciesDocument(Instant at, List<DependencyLink> links) {
    return "{\"timestamp\":\"" + at + "\",\"dependencies\":[" + links.stream()
        .map(l -> "{\"parent\":\"" + l.parent() + "\",\"child\":\"" + l.child()
            + "\",\"callCount\":" + l.callCount() + "}")
        .collect(Collectors.joining(",")) + "]}";
  }

  @Test
  void operationsIgnoreTheSpanKindFilter() {
    assertThat(get(reader().operations("oteltrace", "client"))).containsExactly(
        new Operation("GET", ""), new Operation("GET /api/users", ""),
        new Operation("SELECT users", ""));
  }

  @Test
  void tagValuesAreRegularExpressionsOverTheWholeValue() {
    assertThat(traceIds(find(query("frontend").tag("http.response.status_code", "5.*"))))
        .containsExactly(CHECKOUT);
    assertThat(find(query("frontend").tag("http.response.status_code", "5"))).isEmpty();
  }

  @Test
  void logFieldsAreSearchedAsTags() {
    assertThat(traceIds(find(query("frontend").tag("event", "retry"))))
        .containsExactly(CHECKOUT);
  }

  @Test
  void startAfterEndIsRefused() {
    assertThat(failure(reader().findTraces(
        query("batch").window(base + SECOND, base).build())))
        .isEqualTo("start Time Minimum is above Maximum");
  }

  @Test
  void tagsWithoutAServiceAreRefused() {
    assertThat(failure(reader().findTraces(query("").tag("run", "1").build())))
        .isEqualTo("service Name must be set");
  }

  @Test
  void durationMinimumAboveMaximumIsRefused() {
    assertThat(failure(reader().findTraces(query("batch").durations(3 * MS, 2 * MS).build())))
        .isEqualTo("duration Minimum is above Maximum");
  }

  @Test
  void anInvalidRegularExpressionFailsWithTheEnginesReason() {
    String message = failure(reader().findTraces(query("batch").tag("run", "[").build()));

    assertThat(message).startsWith("POST /" + fixture.prefix() + "-jaeger-span-")
        .contains("/_search on " + fixture.storage().config().serverUrls().get(0)
            + " answered HTTP 400: search_phase_execution_exception: all shards failed");
  }

  @Test
  void answersCompleteOnTheCallersEventLoop() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Context context = vertx.getOrCreateContext();
      AtomicReference<Thread> caller = new AtomicReference<>();
      CompletableFuture<Thread> completer = new CompletableFuture<>();
      CompletableFuture<List<String>> services = new CompletableFuture<>();
      context.runOnContext(v -> {
        caller.set(Thread.currentThread());
        reader().services().onComplete(ar -> {
          completer.complete(Thread.currentThread());
          services.complete(ar.result());
        });
      });

      assertThat(completer.get(60, TimeUnit.SECONDS)).isSameAs(caller.get());
      assertThat(services.get()).isEqualTo(expectedServices());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  /** Returns the message of the reader's failure; fails the test if it succeeded. */
  static String failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause().getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the reader succeeded where it should have failed");
  }
}
