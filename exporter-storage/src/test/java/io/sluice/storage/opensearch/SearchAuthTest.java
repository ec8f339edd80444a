package io.sluice.storage.opensearch;

import static io.sluice.storage.config.YamlNodes.map;
import static io.sluice.storage.config.YamlNodes.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.status.StatusReporter;
import io.sluice.pipeline.telemetry.ExporterMetrics;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import io.sluice.storage.QueueSettings;
import io.sluice.storage.QueueSizer;
import io.sluice.storage.TraceWriter;
import io.sluice.storage.WriterOptions;
import io.sluice.storage.config.ElasticsearchConfig;
import io.sluice.storage.config.SearchFlavor;
import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.opensearch.RecordingSearchServer.Request;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a backend's credentials come from, seen on the wire by a recording server: the watched
 * {@code password_file}, the inline password and the user info of {@code server_urls}.
 */
class SearchAuthTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  private final Telemetry telemetry = new Telemetry(MetricsLevel.NORMAL, new SimpleMeterRegistry());
  private final ComponentId exporterId = new ComponentId("jaeger_storage_exporter", "");
  private final ExporterMetrics metrics = telemetry.exporter(exporterId);
  private final AtomicLong nextSpanId = new AtomicLong();
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private TraceWriter writer;

  @AfterEach
  void stop() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  @Test
  void changedPasswordFileIsUsedFromTheNextRequestOn() throws Exception {
    RecordingSearchServer server = server();
    Path file = dir.resolve("es-password");
    Files.writeString(file, "first-Secret-1\n");
    LogCapture logs = logs();
    OpenSearchStorage storage = start(map("server_urls", List.of(server.url()),
        "auth", map("basic", map("username", "jaeger", "password_file", file.toString()))));
    writeOneSpan();
    assertThat(server.requests()).extracting(Request::authorization)
        .containsOnly(basic("jaeger", "first-Secret-1"));

    Files.writeString(file, "second-Secret-2\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    await().atMost(WAIT).until(() -> basic("jaeger", "second-Secret-2")
        .equals(storage.authHeaders().valueFor(null)));
    int before = server.requests().size();
    writeOneSpan();

    assertThat(server.requests().subList(before, server.requests().size()))
        .extracting(Request::path, Request::authorization)
        .containsExactly(tuple("/_bulk", basic("jaeger", "second-Secret-2")));
    assertThat(logs.texts()).contains("jaeger_storage 'main': auth::basic::password_file \""
        + file + "\" changed; requests use the new password");
  }

  @Test
  void unreadablePasswordFileKeepsTheLastPasswordAndSaysSoOnce() throws Exception {
    RecordingSearchServer server = server();
    Path file = dir.resolve("es-password");
    Files.writeString(file, "kept-Secret-3");
    LogCapture logs = logs();
    OpenSearchStorage storage = start(map("server_urls", List.of(server.url()),
        "auth", map("basic", map("username", "jaeger", "password_file", file.toString()))));

    Files.delete(file);
    String warning = "jaeger_storage 'main': cannot read auth::basic::password_file \"" + file
        + "\" (java.nio.file.NoSuchFileException: " + file + "); requests keep the password"
        + " read before";
    await().atMost(WAIT).until(() -> logs.texts().contains(warning));
    // At least two more checks of the missing file add no second line.
    await().during(Duration.ofMillis(2_500)).atMost(WAIT)
        .until(() -> logs.texts().stream().filter(t -> t.contains("cannot read")).count() == 1);
    writeOneSpan();

    assertThat(storage.authHeaders().valueFor(null)).isEqualTo(basic("jaeger", "kept-Secret-3"));
    assertThat(server.bulkRequests()).extracting(Request::authorization)
        .containsExactly(basic("jaeger", "kept-Secret-3"));
  }

  @Test
  void passwordsNeverAppearInLogs() throws Exception {
    RecordingSearchServer server = server();
    Path file = dir.resolve("es-password");
    Files.writeString(file, "log-Secret-4");
    LogCapture logs = logs();
    start(map("server_urls", List.of(server.url()),
        "auth", map("basic", map("username", "jaeger", "password_file", file.toString()))));
    writeOneSpan();
    Files.writeString(file, "log-Secret-5");
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    await().atMost(WAIT).until(() -> logs.texts().stream().anyMatch(t -> t.contains("changed")));
    Files.delete(file);
    await().atMost(WAIT).until(() -> logs.texts().stream().anyMatch(t -> t.contains("cannot")));
    writeOneSpan();

    assertThat(logs.texts()).hasSize(5).noneMatch(text -> text.contains("log-Secret")
        || text.contains(token("jaeger", "log-Secret-4"))
        || text.contains(token("jaeger", "log-Secret-5")));
  }

  @Test
  void credentialsInServerUrlAreSentAsBasicAuthAndRedactedInLogs() throws Exception {
    RecordingSearchServer server = server();
    LogCapture logs = logs();
    String url = "http://alice:p%40ss%3Aw+rd@127.0.0.1:" + server.port();

    start(map("server_urls", List.of(url)));
    writeOneSpan();

    assertThat(server.requests()).extracting(Request::path)
        .containsExactly("/", "/_template/jaeger-span", "/_template/jaeger-service", "/_bulk");
    assertThat(server.requests()).extracting(Request::authorization)
        .containsOnly(basic("alice", "p@ss:w+rd"));
    assertThat(logs.texts()).contains("jaeger_storage 'main': using the user and password"
        + " written in server_urls http://***@127.0.0.1:" + server.port() + " as basic auth");
    assertThat(logs.texts()).noneMatch(text -> text.contains("p%40ss") || text.contains("alice")
        || text.contains(token("alice", "p@ss:w+rd")));
  }

  @Test
  void authBasicWinsOverCredentialsInServerUrl() throws Exception {
    RecordingSearchServer server = server();

    start(map("server_urls", List.of("http://alice:url-pass@127.0.0.1:" + server.port()),
        "auth", map("basic", map("username", "bob", "password", "inline-pass"))));
    writeOneSpan();

    assertThat(server.requests()).hasSize(4).extracting(Request::authorization)
        .containsOnly(basic("bob", "inline-pass"));
  }

  @Test
  void eachNodeGetsTheCredentialsOfItsOwnUrl() throws Exception {
    RecordingSearchServer withUser = server();
    RecordingSearchServer without = server();

    start(map("server_urls", List.of("http://carol:node-one@127.0.0.1:" + withUser.port(),
        without.url())));
    await().atMost(WAIT).until(() -> {
      writeOneSpan();
      return !withUser.bulkRequests().isEmpty() && !without.bulkRequests().isEmpty();
    });

    assertThat(withUser.requests()).extracting(Request::authorization)
        .containsOnly(basic("carol", "node-one"));
    assertThat(without.requests()).extracting(Request::authorization).containsOnlyNulls();
  }

  @Test
  void noCredentialsSendNoAuthorizationHeader() throws Exception {
    RecordingSearchServer server = server();

    start(map("server_urls", List.of(server.url())));
    writeOneSpan();

    assertThat(server.requests()).hasSize(4).extracting(Request::authorization)
        .containsOnlyNulls();
  }

  @Test
  void bearerTokenFileIsSentAsBearer() throws Exception {
    RecordingSearchServer server = server();
    Path file = dir.resolve("token");
    Files.writeString(file, "tok-123\n");

    start(map("server_urls", List.of(server.url()),
        "auth", map("bearer_token", map("file_path", file.toString()))));
    writeOneSpan();

    assertThat(server.requests()).hasSize(4).extracting(Request::authorization)
        .containsOnly("Bearer tok-123");
  }

  private RecordingSearchServer server() throws Exception {
    RecordingSearchServer server = RecordingSearchServer.start();
    cleanup.add(server);
    return server;
  }

  private LogCapture logs() {
    LogCapture capture = LogCapture.start();
    cleanup.add(capture);
    return capture;
  }

  private OpenSearchStorage start(Map<String, Object> block) {
    ElasticsearchConfig config = ElasticsearchConfig.decode(SearchFlavor.OPENSEARCH,
        node("extensions::jaeger_storage::backends::main::opensearch", block));
    OpenSearchStorage storage = new OpenSearchStorage("main", config, Duration.ofSeconds(5));
    storage.start(StatusReporter.NONE).toCompletionStage().toCompletableFuture().join();
    cleanup.add(() -> storage.shutdown().toCompletionStage().toCompletableFuture().join());
    await().atMost(WAIT).until(storage::isReady);
    writer = storage.createWriter(new WriterOptions(exporterId, telemetry, StatusReporter.NONE,
        new QueueSettings(true, QueueSizer.BYTES, 1 << 20, true)));
    cleanup.add(() -> writer.shutdown().toCompletionStage().toCompletableFuture().join());
    return storage;
  }

  /** Writes one span of a new trace and waits until it is acknowledged. */
  private void writeOneSpan() {
    long id = nextSpanId.incrementAndGet();
    long sentBefore = metrics.sentCount();
    writer.write(List.of(new JaegerSpan(0, 0x5eed, id, "op", List.of(),
        1_734_429_600_000_000_000L, 1_000, List.of(), List.of(),
        new JaegerProcess("svc", List.of())))).toCompletionStage().toCompletableFuture().join();
    await().atMost(WAIT).until(() -> metrics.sentCount() == sentBefore + 1);
  }

  private static String basic(String user, String password) {
    return "Basic " + token(user, password);
  }

  private static String token(String user, String password) {
    return Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
