package io.sluice.receiver.otlp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.opentelemetry.proto.trace.v1.Span;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.TracesConsumer;
import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends every malformed or hostile request of {@code corpus/cases.tsv} to one real OTLP/HTTP
 * receiver and checks the exact status and {@code google.rpc.Status} message of each; a valid
 * export after every fifth case, and the cases that are valid, must all land with their exact
 * span counts, and {@code otelcol_receiver_accepted_spans} must count exactly those spans.
 *
 * <p>The manifest's columns are described in {@code corpus/README.md}. Bodies too large to keep
 * in git ({@code gen:} names) are generated here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OtlpHttpBadInputCorpusTest {
  private static final Path CORPUS = Path.of("src", "test", "resources", "corpus");
  private static final Duration ANSWER_BOUND = Duration.ofSeconds(20);
  private static final Duration RAW_SILENCE = Duration.ofSeconds(2);
  private static final long SLOW_BYTE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final JsonFactory JSON = new JsonFactory();

  private final ReceiverFixture fixture = new ReceiverFixture();
  private final LandingConsumer landing = new LandingConsumer();
  private final List<Landed> expectedLandings = new ArrayList<>();
  private OtlpHttpReceiver receiver;
  private int casesRun;

  @BeforeAll
  void start() throws Exception {
    receiver = new OtlpHttpReceiver(fixture.settings, OtlpReceiverConfig.Http.defaults()
        .withEndpoint(new Endpoint("127.0.0.1", 0)), landing);
    receiver.start(new TestHost()).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() throws Exception {
    receiver.shutdown().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    fixture.close();
  }

  static Stream<CorpusCase> cases() throws IOException {
    return Files.readAllLines(CORPUS.resolve("cases.tsv"), UTF_8).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(CorpusCase::parse);
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyCaseGetsItsExactAnswer(CorpusCase c) throws Exception {
    Answer answer = switch (c.transport()) {
      case "post" -> post(c.contentType(), c.contentEncoding(), body(c.body()));
      case "raw" -> raw(body(c.body()));
      case "slow" -> slowWhileAnotherClientExports(body(c.body()));
      default -> throw new IllegalArgumentException("unknown transport " + c.transport());
    };

    String expected = c.status() + " " + c.expected();
    if (expected.endsWith("*")) {
      assertThat(answer.describe()).startsWith(expected.substring(0, expected.length() - 1));
    } else {
      assertThat(answer.describe()).isEqualTo(expected);
    }
    if (c.spans() > 0) {
      expectedLandings.add(new Landed(c.spans(), c.firstSpanAttributes(), c.firstSpanNameBytes()));
    }
    assertThat(landing.landed).containsExactlyElementsOf(expectedLandings);
    if (++casesRun % 5 == 0) {
      exportValid(1 + casesRun / 5 % 4, casesRun / 5 % 2 == 0);
    }
  }

  @Order(2)
  @Test
  void validRequestsBetweenTheCasesAllLandedAndWereCountedExactly() throws Exception {
    exportValid(3, true);

    long validSpans = expectedLandings.stream().mapToLong(Landed::spans).sum();
    assertThat(casesRun).isGreaterThanOrEqualTo(60);
    assertThat(landing.landed).containsExactlyElementsOf(expectedLandings);
    assertThat(fixture.httpMetrics().accepted()).isEqualTo(validSpans);
    assertThat(fixture.httpMetrics().refused()).isZero();
  }

  private void exportValid(int spans, boolean protobuf) throws Exception {
    byte[] body = protobuf
        ? OtlpRequests.request(spans).toByteArray()
        : jsonRequest(spans).getBytes(UTF_8);

    Answer answer = post(protobuf ? "pb" : "json", "-", body);

    assertThat(answer.describe()).isEqualTo("200 ok");
    expectedLandings.add(new Landed(spans, 0, "span-0".length()));
    assertThat(landing.landed).containsExactlyElementsOf(expectedLandings);
  }

  private Answer post(String contentType, String contentEncoding, byte[] body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url()))
        .timeout(ANSWER_BOUND)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (!contentType.equals("-")) {
      request.header("Content-Type", mediaType(contentType));
    }
    if (!contentEncoding.equals("-")) {
      request.header("Content-Encoding", contentEncoding);
    }
    HttpResponse<byte[]> response =
        OtlpRequests.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""), response.body());
  }

  /** Writes {@code request} as is on a new connection and reads one answer, if any comes. */
  private Answer raw(byte[] request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), receiver.port())) {
      socket.setSoTimeout((int) RAW_SILENCE.toMillis());
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return readAnswer(socket.getInputStream());
    }
  }

  /**
   * Sends {@code body} one byte per 100 ms and, while it trickles, exports a valid request on
   * another connection, which must land before the slow body has ended.
   */
  private Answer slowWhileAnotherClientExports(byte[] body) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), receiver.port())) {
      socket.setSoTimeout((int) ANSWER_BOUND.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/x-protobuf\r\nContent-Length: " + body.length
          + "\r\n\r\n").getBytes(US_ASCII));
      CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> trickle(out, body));

      exportValid(2, true);

      assertThat(trickle).isNotDone();
      trickle.get(ANSWER_BOUND.toMillis(), TimeUnit.MILLISECONDS);
      return readAnswer(socket.getInputStream());
    }
  }

  private static void trickle(OutputStream out, byte[] body) {
    try {
      for (byte b : body) {
        // The pause is the behaviour under test: a client that sends slower than it should.
        LockSupport.parkNanos(SLOW_BYTE_NANOS);
        out.write(b);
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a status line, headers and a Content-Length body; "closed" or "silent" if none. */
  private static Answer readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    try {
      while (!endsWithBlankLine(head)) {
        int b = in.read();
        if (b < 0) {
          return head.size() == 0 ? Answer.CLOSED : Answer.TRUNCATED;
        }
        head.write(b);
      }
    } catch (SocketTimeoutException e) {
      return head.size() == 0 ? Answer.SILENT : Answer.TRUNCATED;
    }
    String[] lines = head.toString(US_ASCII).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    String contentType = "";
    int length = 0;
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-type:")) {
        contentType = line.substring("content-type:".length()).trim();
      } else if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return new Answer(status, contentType, in.readNBytes(length));
  }

  private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
    byte[] bytes = head.toByteArray();
    int n = bytes.length;
    return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r'
        && bytes[n - 1] == '\n';
  }

  private static byte[] body(String name) throws IOException {
    if (name.equals("-")) {
      return new byte[0];
    }
    if (name.startsWith("gen:")) {
      return CorpusBodies.generate(name.substring("gen:".length()));
    }
    return Files.readAllBytes(CORPUS.resolve("bodies").resolve(name));
  }

  private String url() {
    return "http://127.0.0.1:" + receiver.port() + "/v1/traces";
  }

  private static String mediaType(String shortName) {
    return switch (shortName) {
      case "pb" -> "application/x-protobuf";
      case "json" -> "application/json";
      default -> shortName;
    };
  }

  private static String jsonRequest(int spans) {
    StringBuilder json = new StringBuilder("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[");
    for (int i = 0; i < spans; i++) {
      json.append(i == 0 ? "" : ",").append("{\"name\":\"span-").append(i).append("\"}");
    }
    return json.append("]}]}]}").toString();
  }

  /** One row of cases.tsv. */
  record CorpusCase(
      String name,
      String transport,
      String contentType,
      String contentEncoding,
      String body,
      String status,
      int spans,
      int firstSpanAttributes,
      int firstSpanNameBytes,
      String expected) {
    static CorpusCase parse(String line) {
      String[] f = line.split("\t", -1);
      if (f.length != 10) {
        throw new IllegalArgumentException("cases.tsv needs 10 tab-separated columns: " + line);
      }
      return new CorpusCase(f[0], f[1], f[2], f[3], f[4], f[5], Integer.parseInt(f[6]),
          Integer.parseInt(f[7]), Integer.parseInt(f[8]), f[9]);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * What came back: the status, then "ok" for a success body, the decoded
   * {@code google.rpc.Status} as "code: message", or the text of any other body.
   */
  private record Answer(int status, String contentType, byte[] body) {
    static final Answer CLOSED = new Answer(-1, "", new byte[0]);
    static final Answer SILENT = new Answer(-2, "", new byte[0]);
    static final Answer TRUNCATED = new Answer(-3, "", new byte[0]);

    String describe() throws IOException {
      return switch (status) {
        case -1 -> "closed without an answer";
        case -2 -> "silent for " + RAW_SILENCE.toSeconds() + " s";
        case -3 -> "truncated answer";
        default -> status + " " + text();
      };
    }

    private String text() throws IOException {
      OtlpHttpEncoding encoding = OtlpHttpEncoding.forContentType(contentType);
      if (status == 200 && encoding != null && Arrays.equals(
          body, encoding.successBody())) {
        return "ok";
      }
      if (encoding == OtlpHttpEncoding.PROTOBUF) {
        return OtlpRequests.protobufStatus(body);
      }
      if (encoding == OtlpHttpEncoding.JSON) {
        return jsonStatus(body);
      }
      return new String(body, UTF_8).replace("\n", "\\n");
    }

    private static String jsonStatus(byte[] body) throws IOException {
      String code = "";
      String message = "";
      try (JsonParser parser = JSON.createParser(body)) {
        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          if (field.equals("code")) {
            code = parser.getText();
          } else if (field.equals("message")) {
            message = parser.getText();
          }
        }
      }
      return code + ": " + message.replace("\n", "\\n");
    }
  }

  /** A batch the pipeline took, summarised so that huge cases are not kept in memory. */
  record Landed(int spans, int firstSpanAttributes, int firstSpanNameBytes) {
    static Landed of(Traces traces) {
      Span first = traces.resourceSpans().stream()
          .flatMap(rs -> rs.getScopeSpansList().stream())
          .flatMap(ss -> ss.getSpansList().stream())
          .findFirst()
          .orElseThrow();
      return new Landed(traces.spanCount(), first.getAttributesCount(),
          first.getNameBytes().size());
    }
  }

  /** Records a summary of every batch and takes it. */
  private static final class LandingConsumer implements TracesConsumer {
    final List<Landed> landed = new CopyOnWriteArrayList<>();

    @Override
    public Future<Void> consume(Traces traces) {
      landed.add(Landed.of(traces));
      return Future.succeededFuture();
    }
  }
}
