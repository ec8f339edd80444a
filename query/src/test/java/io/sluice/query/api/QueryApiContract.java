package io.sluice.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.query.adjust.Adjusters;
import io.sluice.query.http.ListenAddress;
import io.sluice.query.http.QueryHttpServer;
import io.sluice.storage.TraceStorage;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.read.DependencyLink;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The query API's answers, byte for byte, through a real HTTP server and client, over any
 * {@link TraceStorage}: a subclass gives a started storage and a way to write spans into it
 * (and, where the backend does not derive them from spans, dependency links).
 *
 * <p>The stored data are the worked example of spec jaeger-storage-query.md §9.1 and a
 * frontend-to-backend call, both moved in time by {@link #shiftNanos()} (0 keeps the spec's
 * 2024-12-17 times; a backend that only serves recent data may move them to now). The
 * expectations that depend on the backend (service and operation order, span kinds, tag
 * values as regular expressions) are methods a subclass may override.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class QueryApiContract {
  private static final String ENVELOPE_TAIL = ",\"total\":0,\"limit\":0,\"offset\":0,";

  private Vertx vertx;
  private QueryHttpServer server;
  private QueryHttpServer basePathServer;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Returns the started storage to read; called once, before every test. */
  protected abstract TraceStorage storage();

  /** Writes spans into {@link #storage()} and returns once a reader sees them. */
  protected abstract void write(List<JaegerSpan> spans);

  /**
   * Stores dependency links dated {@code timestamp}, for backends that keep them apart from the
   * spans (Elasticsearch's {@code jaeger-dependencies} documents). The memory backend derives
   * them from the spans, so the default does nothing.
   */
  protected void writeDependencies(Instant timestamp, List<DependencyLink> links) {}

  /** How far the stored traces are moved from the spec's times; 0 by default. */
  protected long shiftNanos() {
    return 0;
  }

  /** The answer of {@code /api/services}; the memory backend sorts the names. */
  protected String expectedServices() {
    return "{\"data\":[\"backend\",\"frontend\",\"oteltrace\"],\"total\":3,\"limit\":0,"
        + "\"offset\":0,\"errors\":null}";
  }

  /**
   * The answer of {@code /api/operations?service=oteltrace}: the memory backend knows the span
   * kinds and sorts by name; Elasticsearch has {@code ""} kinds (§9.3).
   */
  protected String expectedOperations() {
    return "{\"data\":[{\"name\":\"GET\",\"spanKind\":\"client\"},"
        + "{\"name\":\"GET /api/users\",\"spanKind\":\"server\"},"
        + "{\"name\":\"SELECT users\",\"spanKind\":\"client\"}],"
        + "\"total\":3,\"limit\":0,\"offset\":0,\"errors\":null}";
  }

  /**
   * Whether a tag value is matched as a regular expression over the whole value, as on
   * Elasticsearch (spec §7.4); the memory backend compares the text, so the default is false.
   */
  protected boolean tagValuesAreRegularExpressions() {
    return false;
  }

  @BeforeAll
  void startServers() throws Exception {
    write(ExampleTraces.workedExample(shiftNanos()));
    write(ExampleTraces.frontendCallsBackend(shiftNanos()));
    writeDependencies(Instant.ofEpochSecond(0, ExampleTraces.WORKED_START_NANOS + shiftNanos()),
        List.of(new DependencyLink("frontend", "backend", 1)));
    vertx = Vertx.vertx();
    server = start("");
    basePathServer = start("/jaeger");
  }

  private QueryHttpServer start(String basePath) throws Exception {
    long nowNanos = ExampleTraces.WORKED_START_NANOS + shiftNanos() + Duration.ofHours(1).toNanos();
    QueryApi api = new QueryApi("jaeger_query", storage().reader(), new QueryParser(() -> nowNanos),
        Adjusters.standard(Adjusters.MAX_CLOCK_SKEW_ADJUST));
    QueryHttpServer s =
        new QueryHttpServer(vertx, new ListenAddress("127.0.0.1", 0), basePath, api);
    s.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return s;
  }

  @AfterAll
  void stopServers() throws Exception {
    server.shutdown().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    basePathServer.shutdown().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void servicesListsEveryService() throws Exception {
    assertJson(get("/api/services"), expectedServices());
  }

  @Test
  void operationsOfAServiceCarryTheirSpanKind() throws Exception {
    assertJson(get("/api/operations?service=oteltrace"), expectedOperations());
  }

  @Test
  void operationsWithoutServiceAre400() throws Exception {
    assertError(get("/api/operations"), 400, "parameter 'service' is required");
  }

  @Test
  void legacyOperationsAreSortedUniqueNames() throws Exception {
    assertJson(get("/api/services/oteltrace/operations"),
        "{\"data\":[\"GET\",\"GET /api/users\",\"SELECT users\"],\"total\":3,\"limit\":0,"
            + "\"offset\":0,\"errors\":null}");
  }

  @Test
  void legacyOperationsOfAnUnknownServiceAreNull() throws Exception {
    assertJson(get("/api/services/nobody/operations"),
        "{\"data\":null,\"total\":0,\"limit\":0,\"offset\":0,\"errors\":null}");
  }

  @Test
  void traceByIdIsTheAdjustedWorkedExample() throws Exception {
    assertJson(get("/api/traces/" + ExampleTraces.WORKED_TRACE),
        "{\"data\":[" + adjustedWorkedTrace() + "]" + ENVELOPE_TAIL + "\"errors\":null}");
  }

  @Test
  void rawTraceKeepsTheStoredTagOrder() throws Exception {
    assertJson(get("/api/traces/" + ExampleTraces.WORKED_TRACE + "?raw=true"),
        "{\"data\":[" + rawWorkedTrace() + "]" + ENVELOPE_TAIL + "\"errors\":null}");
  }

  @Test
  void unknownTraceIs404() throws Exception {
    assertError(get("/api/traces/00000000000000000000000000000bad"), 404, "trace not found");
  }

  @Test
  void malformedTraceIdIs400WithGoText() throws Exception {
    assertError(get("/api/traces/xyz"), 400,
        "strconv.ParseUint: parsing \\\"xyz\\\": invalid syntax");
  }

  @Test
  void searchOfTheWorkedExampleFindsItsTrace() throws Exception {
    assertJson(get("/api/traces?service=oteltrace&start=" + micros(1734429000000000L)
            + "&end=" + micros(1734430200000000L) + "&limit=20&minDuration=20ms"),
        "{\"data\":[" + adjustedWorkedTrace() + "]" + ENVELOPE_TAIL + "\"errors\":null}");
  }

  @Test
  void searchDefaultsToTheLast48Hours() throws Exception {
    assertJson(get("/api/traces?service=oteltrace&operation=GET"),
        "{\"data\":[" + adjustedWorkedTrace() + "]" + ENVELOPE_TAIL + "\"errors\":null}");
  }

  /** Decades of daily indices are too many to name (Elasticsearch searches a wildcard then). */
  @Test
  void searchOverDecadesFindsTheTrace() throws Exception {
    assertJson(get("/api/traces?service=oteltrace&start=0&end=" + micros(1734430200000000L)
            + "&minDuration=20ms"),
        "{\"data\":[" + adjustedWorkedTrace() + "]" + ENVELOPE_TAIL + "\"errors\":null}");
  }

  @Test
  void searchWithNoMatchIsAnEmptyList() throws Exception {
    assertJson(get("/api/traces?service=oteltrace&minDuration=1s"),
        "{\"data\":[]" + ENVELOPE_TAIL + "\"errors\":null}");
  }

  @Test
  void searchWithoutServiceIs400() throws Exception {
    assertError(get("/api/traces?limit=20"), 400, "parameter 'service' is required");
  }

  @Test
  void durationWithoutUnitIs400WithGoText() throws Exception {
    assertError(get("/api/traces?service=oteltrace&minDuration=100"), 400,
        "unable to parse param 'minDuration': time: missing unit in duration \\\"100\\\"");
  }

  @Test
  void maxDurationBelowMinDurationIs400() throws Exception {
    assertError(get("/api/traces?service=oteltrace&minDuration=2s&maxDuration=1s"), 400,
        "'maxDuration' should be greater than 'minDuration'");
  }

  @Test
  void nonNumericStartIs400() throws Exception {
    assertError(get("/api/traces?service=oteltrace&start=yesterday"), 400,
        "unable to parse param 'start': strconv.ParseInt: parsing \\\"yesterday\\\": "
            + "invalid syntax");
  }

  @Test
  void startAfterEndIs500FromTheStorage() throws Exception {
    assertError(get("/api/traces?service=oteltrace&start=2000&end=1000"), 500,
        "start Time Minimum is above Maximum");
  }

  @Test
  void traceIdSearchListsTheIdsNotFound() throws Exception {
    assertJson(get("/api/traces?traceID=" + ExampleTraces.WORKED_TRACE
            + "&traceID=0000000000000bad"),
        "{\"data\":[" + adjustedWorkedTrace() + "]" + ENVELOPE_TAIL
            + "\"errors\":[{\"msg\":\"trace not found\",\"traceID\":\"0000000000000bad\"}]}");
  }

  @Test
  void grafanaSearchWithTagsJsonAndCustomLookback() throws Exception {
    String tags = URLEncoder.encode("{\"db.system\":\"redis\"}", StandardCharsets.UTF_8);
    assertJson(get("/api/traces?service=oteltrace&operation=&tags=" + tags
            + "&minDuration=&maxDuration=&limit=20&start=" + micros(1734429000000000L)
            + "&end=" + micros(1734430200000000L) + "&lookback=custom"),
        "{\"data\":[" + adjustedWorkedTrace() + "]" + ENVELOPE_TAIL + "\"errors\":null}");
  }

  @Test
  void tagThatNoSpanHasFindsNothing() throws Exception {
    assertJson(get("/api/traces?service=oteltrace&tag=db.system:postgresql"),
        "{\"data\":[]" + ENVELOPE_TAIL + "\"errors\":null}");
  }

  @Test
  void tagValueIsARegularExpressionWhereTheBackendSaysSo() throws Exception {
    String found = tagValuesAreRegularExpressions() ? adjustedWorkedTrace() : "";
    assertJson(get("/api/traces?service=oteltrace&tag=db.system:re.*s"),
        "{\"data\":[" + found + "]" + ENVELOPE_TAIL + "\"errors\":null}");
  }

  @Test
  void malformedTagsJsonIs400WithGoText() throws Exception {
    assertError(get("/api/traces?service=oteltrace&tags=" + URLEncoder.encode("{\"a\":1}",
            StandardCharsets.UTF_8)), 400,
        "malformed 'tags' parameter, cannot unmarshal JSON: json: cannot unmarshal number "
            + "into Go value of type string");
  }

  @Test
  void dependenciesSumTheCallsBetweenServices() throws Exception {
    long endMillis = (ExampleTraces.WORKED_START_NANOS + shiftNanos()) / 1_000_000 + 60_000;
    assertJson(get("/api/dependencies?endTs=" + endMillis + "&lookback=3600000"),
        "{\"data\":[{\"parent\":\"frontend\",\"child\":\"backend\",\"callCount\":1}]"
            + ENVELOPE_TAIL + "\"errors\":null}");
  }

  @Test
  void dependenciesOfAnotherServiceAreEmpty() throws Exception {
    long endMillis = (ExampleTraces.WORKED_START_NANOS + shiftNanos()) / 1_000_000 + 60_000;
    assertJson(get("/api/dependencies?endTs=" + endMillis + "&service=oteltrace"),
        "{\"data\":[]" + ENVELOPE_TAIL + "\"errors\":null}");
  }

  @Test
  void archiveWithoutArchiveStorageIs500() throws Exception {
    assertError(send("POST", "/api/archive/" + ExampleTraces.WORKED_TRACE), 500,
        "archive span storage was not configured");
  }

  @Test
  void metricsWithoutMetricsStorageAre501() throws Exception {
    assertError(get("/api/metrics/calls?service=oteltrace"), 501,
        "metrics querying is currently disabled");
    assertError(get("/api/metrics/minstep"), 501, "metrics querying is currently disabled");
    assertError(get("/api/metrics/latencies?service=oteltrace"), 400,
        "unable to parse param 'quantile': strconv.ParseFloat: parsing \\\"\\\": invalid syntax");
  }

  @Test
  void prettyPrintIndentsByFourSpaces() throws Exception {
    HttpResponse<String> response = get("/api/services/oteltrace/operations?prettyPrint=true");
    assertThat(response.body()).isEqualTo("{\n    \"data\": [\n        \"GET\",\n"
        + "        \"GET /api/users\",\n        \"SELECT users\"\n    ],\n    \"total\": 3,\n"
        + "    \"limit\": 0,\n    \"offset\": 0,\n    \"errors\": null\n}");
  }

  @Test
  void wrongMethodIs405AndUnknownApiPathIs404() throws Exception {
    HttpResponse<String> post = send("POST", "/api/services");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.body()).isEmpty();
    HttpResponse<String> unknown = get("/api/nothing");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("404 page not found\n");
  }

  @Test
  void pageIsServedForEveryUiPath() throws Exception {
    for (String path : List.of("/", "/search", "/trace/" + ExampleTraces.WORKED_TRACE)) {
      HttpResponse<String> page = get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(page.body()).as(path).contains("<base href=\"/\">");
    }
  }

  @Test
  void staticFilesHaveTheirTypeAndCacheHeaders() throws Exception {
    HttpResponse<String> css = get("/static/contract-fixture.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.body()).isEqualTo("body { color: #123456; }\n");
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(css.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
    String etag = css.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = http.send(HttpRequest.newBuilder(uri(server, "/static/"
        + "contract-fixture.css")).header("If-None-Match", etag).build(), bodyHandler());
    assertThat(again.statusCode()).isEqualTo(304);
    HttpResponse<String> missing = get("/static/missing.js");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("404 page not found\n");
  }

  @Test
  void basePathPrefixesEveryRoute() throws Exception {
    assertJson(get(basePathServer, "/jaeger/api/services"), expectedServices());
    HttpResponse<String> page = get(basePathServer, "/jaeger/search");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<base href=\"/jaeger/\">")
        .doesNotContain("<base href=\"/\">");
    HttpResponse<String> css = get(basePathServer, "/jaeger/static/contract-fixture.css");
    assertThat(css.body()).isEqualTo("body { color: #123456; }\n");
    HttpResponse<String> bare = get(basePathServer, "/jaeger");
    assertThat(bare.statusCode()).isEqualTo(301);
    assertThat(bare.headers().firstValue("Location")).hasValue("/jaeger/");
    HttpResponse<String> outside = get(basePathServer, "/api/services");
    assertThat(outside.statusCode()).isEqualTo(404);
    assertThat(outside.body()).isEqualTo("404 page not found\n");
  }

  @Test
  void staticFilesAnswerAnyMethodRedirectsKeepTheQueryAndBadEscapesAreA400() throws Exception {
    String css = "/jaeger/static/contract-fixture.css";
    HttpResponse<String> head = http.send(HttpRequest.newBuilder(uri(basePathServer, css))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), bodyHandler());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(head.body()).isEmpty();
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri(basePathServer, css))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), bodyHandler());
    assertThat(post.body()).isEqualTo("body { color: #123456; }\n");
    HttpResponse<String> bare = get(basePathServer, "/jaeger?service=frontend&limit=20");
    assertThat(bare.statusCode()).isEqualTo(301);
    assertThat(bare.headers().firstValue("Location"))
        .hasValue("/jaeger/?service=frontend&limit=20");

    // java.net.URI refuses a bad %-escape, so this request goes over a plain socket.
    try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
      socket.getOutputStream().write(("GET /api/services/%zz/operations HTTP/1.1\r\n"
          + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n");
    }
  }

  /** Returns the µs value of the spec's timeline moved by {@link #shiftNanos()}. */
  private long micros(long specMicros) {
    return specMicros + shiftNanos() / 1000;
  }

  /** The §9.3 trace object after the adjusters, in start-time order. */
  private String adjustedWorkedTrace() {
    return withTimes("{\"traceID\":\"5b8efff798038103d269b633813fc60c\",\"spans\":["
        + "{\"traceID\":\"5b8efff798038103d269b633813fc60c\",\"spanID\":\"eee19b7ec3c1b174\","
        + "\"operationName\":\"GET /api/users\",\"references\":[],\"startTime\":T_SERVER,"
        + "\"duration\":25500,\"tags\":["
        + "{\"key\":\"http.request.method\",\"type\":\"string\",\"value\":\"GET\"},"
        + "{\"key\":\"http.response.status_code\",\"type\":\"int64\",\"value\":200},"
        + "{\"key\":\"http.route\",\"type\":\"string\",\"value\":\"/api/users\"},"
        + "{\"key\":\"otel.scope.name\",\"type\":\"string\",\"value\":\"example.com/oteltrace\"},"
        + "{\"key\":\"otel.scope.version\",\"type\":\"string\",\"value\":\"0.1.0\"},"
        + "{\"key\":\"server.address\",\"type\":\"string\",\"value\":\"localhost\"},"
        + "{\"key\":\"server.port\",\"type\":\"int64\",\"value\":8080},"
        + "{\"key\":\"span.kind\",\"type\":\"string\",\"value\":\"server\"},"
        + "{\"key\":\"url.path\",\"type\":\"string\",\"value\":\"/api/users\"},"
        + "{\"key\":\"url.scheme\",\"type\":\"string\",\"value\":\"http\"},"
        + "{\"key\":\"user_agent.original\",\"type\":\"string\",\"value\":\"curl/8.5.0\"}],"
        + "\"logs\":[],\"processID\":\"p1\",\"warnings\":null},"
        + "{\"traceID\":\"5b8efff798038103d269b633813fc60c\",\"spanID\":\"b7ad6b7169203331\","
        + "\"operationName\":\"GET\",\"references\":[{\"refType\":\"CHILD_OF\","
        + "\"traceID\":\"5b8efff798038103d269b633813fc60c\",\"spanID\":\"eee19b7ec3c1b174\"}],"
        + "\"startTime\":T_REDIS,\"duration\":1250,\"tags\":["
        + "{\"key\":\"db.statement\",\"type\":\"string\",\"value\":\"GET users:all\"},"
        + "{\"key\":\"db.system\",\"type\":\"string\",\"value\":\"redis\"},"
        + "{\"key\":\"otel.scope.name\",\"type\":\"string\",\"value\":\"example.com/oteltrace\"},"
        + "{\"key\":\"otel.scope.version\",\"type\":\"string\",\"value\":\"0.1.0\"},"
        + "{\"key\":\"server.address\",\"type\":\"string\",\"value\":\"redis\"},"
        + "{\"key\":\"server.port\",\"type\":\"int64\",\"value\":6379},"
        + "{\"key\":\"span.kind\",\"type\":\"string\",\"value\":\"client\"}],"
        + "\"logs\":[{\"timestamp\":T_EVENT,\"fields\":["
        + "{\"key\":\"event\",\"type\":\"string\",\"value\":\"cache miss\"},"
        + "{\"key\":\"cache.key\",\"type\":\"string\",\"value\":\"users:all\"}]}],"
        + "\"processID\":\"p1\",\"warnings\":null},"
        + "{\"traceID\":\"5b8efff798038103d269b633813fc60c\",\"spanID\":\"00f067aa0ba902b7\","
        + "\"operationName\":\"SELECT users\",\"references\":[{\"refType\":\"CHILD_OF\","
        + "\"traceID\":\"5b8efff798038103d269b633813fc60c\",\"spanID\":\"eee19b7ec3c1b174\"}],"
        + "\"startTime\":T_MYSQL,\"duration\":21000,\"tags\":["
        + "{\"key\":\"db.name\",\"type\":\"string\",\"value\":\"shop\"},"
        + "{\"key\":\"db.statement\",\"type\":\"string\",\"value\":\"SELECT id, name FROM users\"},"
        + "{\"key\":\"db.system\",\"type\":\"string\",\"value\":\"mysql\"},"
        + "{\"key\":\"otel.scope.name\",\"type\":\"string\",\"value\":\"example.com/oteltrace\"},"
        + "{\"key\":\"otel.scope.version\",\"type\":\"string\",\"value\":\"0.1.0\"},"
        + "{\"key\":\"server.address\",\"type\":\"string\",\"value\":\"mysql\"},"
        + "{\"key\":\"server.port\",\"type\":\"int64\",\"value\":3306},"
        + "{\"key\":\"span.kind\",\"type\":\"string\",\"value\":\"client\"}],"
        + "\"logs\":[],\"processID\":\"p1\",\"warnings\":null}],"
        + "\"processes\":{\"p1\":{\"serviceName\":\"oteltrace\",\"tags\":["
        + "{\"key\":\"telemetry.sdk.language\",\"type\":\"string\",\"value\":\"go\"},"
        + "{\"key\":\"telemetry.sdk.name\",\"type\":\"string\",\"value\":\"opentelemetry\"},"
        + "{\"key\":\"telemetry.sdk.version\",\"type\":\"string\",\"value\":\"1.32.0\"}]}},"
        + "\"warnings\":null}");
  }

  /** The worked example as stored: tags in translation order, no adjuster run. */
  private String rawWorkedTrace() {
    String scope = "{\"key\":\"otel.scope.name\",\"type\":\"string\","
        + "\"value\":\"example.com/oteltrace\"},"
        + "{\"key\":\"otel.scope.version\",\"type\":\"string\",\"value\":\"0.1.0\"},";
    String parent = "\"references\":[{\"refType\":\"CHILD_OF\","
        + "\"traceID\":\"5b8efff798038103d269b633813fc60c\",\"spanID\":\"eee19b7ec3c1b174\"}],";
    return withTimes("{\"traceID\":\"5b8efff798038103d269b633813fc60c\",\"spans\":["
        + "{\"traceID\":\"5b8efff798038103d269b633813fc60c\",\"spanID\":\"eee19b7ec3c1b174\","
        + "\"operationName\":\"GET /api/users\",\"references\":[],\"startTime\":T_SERVER,"
        + "\"duration\":25500,\"tags\":[" + scope
        + "{\"key\":\"http.request.method\",\"type\":\"string\",\"value\":\"GET\"},"
        + "{\"key\":\"url.scheme\",\"type\":\"string\",\"value\":\"http\"},"
        + "{\"key\":\"url.path\",\"type\":\"string\",\"value\":\"/api/users\"},"
        + "{\"key\":\"http.route\",\"type\":\"string\",\"value\":\"/api/users\"},"
        + "{\"key\":\"http.response.status_code\",\"type\":\"int64\",\"value\":200},"
        + "{\"key\":\"server.address\",\"type\":\"string\",\"value\":\"localhost\"},"
        + "{\"key\":\"server.port\",\"type\":\"int64\",\"value\":8080},"
        + "{\"key\":\"user_agent.original\",\"type\":\"string\",\"value\":\"curl/8.5.0\"},"
        + "{\"key\":\"span.kind\",\"type\":\"string\",\"value\":\"server\"}],"
        + "\"logs\":[],\"processID\":\"p1\",\"warnings\":null},"
        + "{\"traceID\":\"5b8efff798038103d269b633813fc60c\",\"spanID\":\"b7ad6b7169203331\","
        + "\"operationName\":\"GET\"," + parent + "\"startTime\":T_REDIS,\"duration\":1250,"
        + "\"tags\":[" + scope
        + "{\"key\":\"db.system\",\"type\":\"string\",\"value\":\"redis\"},"
        + "{\"key\":\"db.statement\",\"type\":\"string\",\"value\":\"GET users:all\"},"
        + "{\"key\":\"server.address\",\"type\":\"string\",\"value\":\"redis\"},"
        + "{\"key\":\"server.port\",\"type\":\"int64\",\"value\":6379},"
        + "{\"key\":\"span.kind\",\"type\":\"string\",\"value\":\"client\"}],"
        + "\"logs\":[{\"timestamp\":T_EVENT,\"fields\":["
        + "{\"key\":\"event\",\"type\":\"string\",\"value\":\"cache miss\"},"
        + "{\"key\":\"cache.key\",\"type\":\"string\",\"value\":\"users:all\"}]}],"
        + "\"processID\":\"p1\",\"warnings\":null},"
        + "{\"traceID\":\"5b8efff798038103d269b633813fc60c\",\"spanID\":\"00f067aa0ba902b7\","
        + "\"operationName\":\"SELECT users\"," + parent + "\"startTime\":T_MYSQL,"
        + "\"duration\":21000,\"tags\":[" + scope
        + "{\"key\":\"db.system\",\"type\":\"string\",\"value\":\"mysql\"},"
        + "{\"key\":\"db.name\",\"type\":\"string\",\"value\":\"shop\"},"
        + "{\"key\":\"db.statement\",\"type\":\"string\",\"value\":\"SELECT id, name FROM users\"},"
        + "{\"key\":\"server.address\",\"type\":\"string\",\"value\":\"mysql\"},"
        + "{\"key\":\"server.port\",\"type\":\"int64\",\"value\":3306},"
        + "{\"key\":\"span.kind\",\"type\":\"string\",\"value\":\"client\"}],"
        + "\"logs\":[],\"processID\":\"p1\",\"warnings\":null}],"
        + "\"processes\":{\"p1\":{\"serviceName\":\"oteltrace\",\"tags\":["
        + "{\"key\":\"telemetry.sdk.language\",\"type\":\"string\",\"value\":\"go\"},"
        + "{\"key\":\"telemetry.sdk.name\",\"type\":\"string\",\"value\":\"opentelemetry\"},"
        + "{\"key\":\"telemetry.sdk.version\",\"type\":\"string\",\"value\":\"1.32.0\"}]}},"
        + "\"warnings\":null}");
  }

  private String withTimes(String template) {
    return template
        .replace("T_SERVER", Long.toString(micros(1734429600123456L)))
        .replace("T_REDIS", Long.toString(micros(1734429600124000L)))
        .replace("T_MYSQL", Long.toString(micros(1734429600126000L)))
        .replace("T_EVENT", Long.toString(micros(1734429600125100L)));
  }

  private static void assertJson(HttpResponse<String> response, String expected) {
    assertThat(response.body()).isEqualTo(expected);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  /** Checks a Jaeger error: status, plain-text headers and the exact body (msg JSON-escaped). */
  private static void assertError(HttpResponse<String> response, int status, String jsonMsg) {
    assertThat(response.body()).isEqualTo("{\"data\":null,\"total\":0,\"limit\":0,\"offset\":0,"
        + "\"errors\":[{\"code\":" + status + ",\"msg\":\"" + jsonMsg + "\"}]}\n");
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; charset=utf-8");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  /** Sends {@code GET pathAndQuery} to the server without a base path. */
  protected HttpResponse<String> get(String pathAndQuery)
      throws IOException, InterruptedException {
    return get(server, pathAndQuery);
  }

  private HttpResponse<String> get(QueryHttpServer target, String pathAndQuery)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(target, pathAndQuery)).build(), bodyHandler());
  }

  private HttpResponse<String> send(String method, String pathAndQuery)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(server, pathAndQuery))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), bodyHandler());
  }

  private static URI uri(QueryHttpServer target, String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + target.actualPort() + pathAndQuery);
  }

  private static HttpResponse.BodyHandler<String> bodyHandler() {
    return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
  }
}
