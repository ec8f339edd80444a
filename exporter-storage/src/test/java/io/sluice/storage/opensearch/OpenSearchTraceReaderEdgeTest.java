package io.sluice.storage.opensearch;

import static io.sluice.storage.config.YamlNodes.map;
import static io.sluice.storage.config.YamlNodes.node;
import static io.sluice.storage.opensearch.OpenSearchTraceReaderTest.dependenciesDocument;
import static io.sluice.storage.opensearch.OpenSearchTraceReaderTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.exporter.storage.WorkedExample;
import io.sluice.pipeline.status.StatusReporter;
import io.sluice.storage.config.ElasticsearchConfig;
import io.sluice.storage.config.SearchFlavor;
import io.sluice.storage.es.GoDateLayout;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.SpanRef;
import io.sluice.storage.opensearch.RecordingSearchServer.Request;
import io.sluice.storage.read.DependencyLink;
import io.sluice.storage.read.Spans;
import io.sluice.storage.read.TraceId;
import io.sluice.storage.read.TraceQuery;
import io.sluice.storage.read.TraceReader;
import io.sluice.storage.translate.OtlpToJaeger;
import io.vertx.core.Future;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What only the Elasticsearch/OpenSearch reader has to get right, each case on a prefix of its
 * own: traces longer than a page, ids stored by older Jaeger versions, the {@code max_span_age}
 * window and read aliases, dependency indices across days, and failures.
 */
class OpenSearchTraceReaderEdgeTest {
  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aTraceLongerThanAPageIsReadWholePageAfterPage() throws Exception {
    try (SearchFixture fixture = SearchFixture.start(map("max_doc_count", 5))) {
      TraceId id = TraceId.parse("7a11000000000000000000000000cafe");
      long start = System.currentTimeMillis() * MS - 60 * SECOND;
      List<JaegerSpan> spans = new ArrayList<>();
      for (int i = 1; i <= 23; i++) {
        // Three spans share each start microsecond, so pages end inside groups of equals.
        spans.add(Spans.span(id, 0x100 + i, "long", "step", start + (i / 3) * MS, MS));
      }
      fixture.write(spans);

      List<JaegerSpan> expected = spans.stream().map(Spans::truncatedToMicros).toList();
      assertThat(get(fixture.reader().trace(id))).containsExactlyInAnyOrderElementsOf(expected);
      List<List<JaegerSpan>> found = get(fixture.reader().findTraces(new TraceQuery("long",
          null, Map.of(), start - SECOND, start + SECOND, 0, 0, 10)));
      assertThat(found).hasSize(1);
      assertThat(found.get(0)).containsExactlyInAnyOrderElementsOf(expected);
      // No time bounds: too many days to list, so every span index is searched.
      found = get(fixture.reader().findTraces(TraceQuery.forService("long")));
      assertThat(found).hasSize(1);
      assertThat(found.get(0)).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void idsStoredWithoutLeadingZerosAreFoundAndMergedWithPaddedOnes() throws Exception {
    try (SearchFixture fixture = SearchFixture.start(map())) {
      long startMicros = (System.currentTimeMillis() - 60_000) * 1000;
      String day = day(startMicros / 1000);
      // Jaeger before 1.16 trimmed leading zeros and wrote the parent as parentSpanID.
      fixture.index("jaeger-span-" + day, legacyDocument(
          "af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "eee19b7ec3c1b174",
          startMicros));
      fixture.index("jaeger-span-" + day, legacyDocument(
          "0af7651916cd43dd8448eb211c80319c", "eee19b7ec3c1b174", "", startMicros - 10));
      TraceId id = TraceId.parse("0af7651916cd43dd8448eb211c80319c");

      List<JaegerSpan> trace = get(fixture.reader().trace(id));

      assertThat(trace).extracting(JaegerSpan::spanId)
          .containsExactly(0xeee19b7ec3c1b174L, 0xb7ad6b7169203331L);
      assertThat(trace.get(1).references()).containsExactly(new SpanRef(
          SpanRef.RefType.CHILD_OF, id.high(), id.low(), 0xeee19b7ec3c1b174L));
      List<List<JaegerSpan>> found = get(fixture.reader().findTraces(new TraceQuery("legacy",
          null, Map.of(), startMicros * 1000 - SECOND, startMicros * 1000 + SECOND, 0, 0, 10)));
      assertThat(found).hasSize(1);
      assertThat(found.get(0)).hasSize(2);
    }
  }

  @Test
  void workedExampleOfTheSpecIsFoundBySearchButNotByIdPastMaxSpanAge() throws Exception {
    try (SearchFixture fixture = SearchFixture.start(map())) {
      List<JaegerSpan> spans = OtlpToJaeger.translate(WorkedExample.traces());
      fixture.write(spans);
      TraceId id = TraceId.parse(WorkedExample.TRACE);
      // GET /api/traces?service=oteltrace&start=1734429000000000&end=1734430200000000
      //     &minDuration=20ms (spec §9.3)
      TraceQuery query = new TraceQuery("oteltrace", null, Map.of(),
          1_734_429_000_000_000_000L, 1_734_430_200_000_000_000L, 20 * MS, 0, 20);

      List<List<JaegerSpan>> found = get(fixture.reader().findTraces(query));

      assertThat(found).hasSize(1);
      assertThat(found.get(0)).containsExactlyInAnyOrderElementsOf(
          spans.stream().map(Spans::truncatedToMicros).toList());
      assertThat(get(fixture.reader().trace(id))).isEmpty();

      fixture.alias("jaeger-span-2024-12-17", "jaeger-span-read");
      TraceReader aliases = readerOf(fixture, map("use_aliases", true));
      assertThat(get(aliases.trace(id))).hasSize(3);
    }
  }

  @Test
  void dependenciesAreReadFromEachDayOfTheLookback() throws Exception {
    try (SearchFixture fixture = SearchFixture.start(map())) {
      Instant end = Instant.parse("2024-12-17T10:00:00Z");
      record(fixture, end.minus(Duration.ofMinutes(5)), new DependencyLink("a", "b", 3));
      record(fixture, end.minus(Duration.ofHours(30)), new DependencyLink("a", "c", 2));
      record(fixture, end.minus(Duration.ofHours(50)), new DependencyLink("c", "d", 1));
      record(fixture, end.plus(Duration.ofMinutes(5)), new DependencyLink("d", "e", 1));

      assertThat(get(fixture.reader().dependencies(end, Duration.ofHours(48))))
          .containsExactlyInAnyOrder(new DependencyLink("a", "b", 3),
              new DependencyLink("a", "c", 2));
      assertThat(get(fixture.reader().dependencies(end, Duration.ofHours(1))))
          .containsExactly(new DependencyLink("a", "b", 3));
    }
  }

  @Test
  void aMalformedDocumentFailsTheReadNamingItAndTheField() throws Exception {
    try (SearchFixture fixture = SearchFixture.start(map())) {
      long startMicros = (System.currentTimeMillis() - 60_000) * 1000;
      String doc = "{\"traceID\":\"00000000000000aa\",\"spanID\":\"0000000000000001\","
          + "\"operationName\":\"op\",\"references\":[],\"startTime\":" + startMicros
          + ",\"startTimeMillis\":" + startMicros / 1000 + ",\"duration\":5,\"tags\":[{\"key\":"
          + "\"n\",\"type\":\"int64\",\"value\":\"ten\"}],\"logs\":[],\"process\":"
          + "{\"serviceName\":\"bad\",\"tags\":[]}}";
      fixture.index("jaeger-span-" + day(startMicros / 1000), doc);

      String message = failure(fixture.reader().trace(TraceId.parse("aa")));

      assertThat(message).matches("POST /_msearch on http://127\\.0\\.0\\.1:\\d+: reading span"
          + " document " + fixture.prefix() + "-jaeger-span-\\d{4}-\\d\\d-\\d\\d/\\S+ failed:"
          + " span document field tags\\[0\\]\\.value: expected a value of type int64,"
          + " got \"ten\"");
    }
  }

  @Test
  void anUnreachableNodeFailsTheReadWithTheCause() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    OpenSearchStorage storage = new OpenSearchStorage("main", config(map("server_urls",
        List.of(url))));
    try {
      storage.start(StatusReporter.NONE).toCompletionStage().toCompletableFuture()
          .get(60, TimeUnit.SECONDS);

      assertThat(failure(storage.reader().services())).startsWith("POST /jaeger-service-")
          .endsWith("/_search on " + url + " failed: HttpHostConnectException: Connect to "
              + url + " [/127.0.0.1] failed: Connection refused");
    } finally {
      storage.shutdown();
    }
  }

  @Test
  void readsCarryTheBackendsCredentials() throws Exception {
    try (RecordingSearchServer server = RecordingSearchServer.start()) {
      OpenSearchStorage storage = new OpenSearchStorage("main", config(map(
          "server_urls", List.of(server.url()),
          "auth", map("basic", map("username", "jaeger", "password", "s3cret")))));
      try {
        storage.start(StatusReporter.NONE).toCompletionStage().toCompletableFuture()
            .get(60, TimeUnit.SECONDS);

        assertThat(get(storage.reader().services())).isEmpty();
        Request search = server.requests().get(server.requests().size() - 1);
        assertThat(search.path()).endsWith("/_search");
        assertThat(search.authorization()).isEqualTo("Basic " + Base64.getEncoder()
            .encodeToString("jaeger:s3cret".getBytes(StandardCharsets.UTF_8)));
      } finally {
        storage.shutdown();
      }
    }
  }

  private static void record(SearchFixture fixture, Instant at, DependencyLink link)
      throws Exception {
    fixture.index("jaeger-dependencies-" + day(at.toEpochMilli()),
        dependenciesDocument(at, List.of(link)));
  }

  private static String legacyDocument(String traceId, String spanId, String parentSpanId,
      long startMicros) {
    return "{\"traceID\":\"" + traceId + "\",\"spanID\":\"" + spanId + "\""
        + (parentSpanId.isEmpty() ? "" : ",\"parentSpanID\":\"" + parentSpanId + "\"")
        + ",\"flags\":1,\"operationName\":\"old\",\"references\":[],\"startTime\":"
        + startMicros + ",\"startTimeMillis\":" + startMicros / 1000 + ",\"duration\":7,"
        + "\"tags\":[],\"logs\":[],\"process\":{\"serviceName\":\"legacy\",\"tags\":[]}}";
  }

  private static TraceReader readerOf(SearchFixture fixture, Map<String, Object> block) {
    Map<String, Object> settings = new HashMap<>(block);
    settings.put("indices", map("index_prefix", fixture.prefix()));
    return new OpenSearchTraceReader(config(settings), fixture.storage()::client, "test",
        Clock.systemUTC());
  }

  private static ElasticsearchConfig config(Map<String, Object> block) {
    return ElasticsearchConfig.decode(SearchFlavor.OPENSEARCH, node("opensearch", block));
  }

  private static <T> T get(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Returns the daily index suffix of a time, e.g. 2024-12-17. */
  private static String day(long epochMillis) {
    return GoDateLayout.of("2006-01-02").format(epochMillis);
  }
}
