package io.sluice.receiver.otlp;

import static io.sluice.receiver.otlp.OtlpRequests.post;
import static io.sluice.receiver.otlp.OtlpRequests.protobufStatus;
import static io.sluice.receiver.otlp.OtlpRequests.request;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receiver's budget of in-flight request bytes: slow bodies hold it, a request that finds it
 * spent is told to retry, and every byte comes back however its request ends.
 */
class OtlpHttpReceiverInflightBytesTest {
  private static final int ONE_MIB = 1024 * 1024;
  private static final String PROTOBUF = "application/x-protobuf";
  private static final String OVER_BUDGET = "14: receiver is holding its budget of in-flight "
      + "request bytes (max_inflight_bytes 3145728 bytes); retry later";

  private ReceiverFixture fixture;

  @BeforeEach
  void create() {
    fixture = new ReceiverFixture();
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void spentBudgetIs503WithRetryAfterAndEveryByteComesBack() throws Exception {
    fixture.startHttp(OtlpReceiverConfig.Http.defaults()
        .withEndpoint(new Endpoint("127.0.0.1", 0))
        .withMaxRequestBodyBytes(ONE_MIB)
        .withMaxInflightBytes(3L * ONE_MIB));
    byte[] body = requestOfExactly(ONE_MIB);
    assertThat(gauge("otelcol_receiver_inflight_capacity_bytes")).isEqualTo(3.0 * ONE_MIB);

    try (Socket aborted = startSlowly(body);
        Socket second = startSlowly(body);
        Socket third = startSlowly(body)) {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> gauge("otelcol_receiver_inflight_bytes") == 3.0 * ONE_MIB);

      RawAnswer refused = refusedAnswer(body);
      assertThat(refused.status).isEqualTo(503);
      assertThat(refused.headers).containsEntry("retry-after", "1")
          .containsEntry("connection", "close");
      assertThat(protobufStatus(refused.body)).isEqualTo(OVER_BUDGET);
      assertThat(refused.closedAfter).isTrue();

      aborted.close();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> gauge("otelcol_receiver_inflight_bytes") == 2.0 * ONE_MIB);
      assertThat(finish(second, body).status).isEqualTo(200);
      assertThat(finish(third, body).status).isEqualTo(200);
    }
    await().atMost(Duration.ofSeconds(10))
        .until(() -> gauge("otelcol_receiver_inflight_bytes") == 0.0);

    HttpResponse<byte[]> after = post(fixture.tracesUrl(), PROTOBUF, null, body);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(fixture.httpMetrics().accepted()).isEqualTo(3);
    assertThat(fixture.httpMetrics().refused()).isZero();
    assertThat(gauge("otelcol_receiver_inflight_bytes")).isZero();
  }

  @Test
  void outOfMemoryWhileDecodingIs503WithRetryAfter() throws Exception {
    OtlpReceiverConfig.Http config =
        OtlpReceiverConfig.Http.defaults().withEndpoint(new Endpoint("127.0.0.1", 0));
    fixture.startHttp(new OtlpHttpReceiver(fixture.settings, config, fixture.consumer,
        new InflightBytes(64L * ONE_MIB),
        (contentEncoding, encoding, bytes, maxBytes, lease) -> {
          throw new OutOfMemoryError("Java heap space");
        }));

    HttpResponse<byte[]> first = post(fixture.tracesUrl(), PROTOBUF, null,
        request(1).toByteArray());
    HttpResponse<byte[]> second = post(fixture.tracesUrl(), PROTOBUF, null,
        request(1).toByteArray());

    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(first.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(protobufStatus(first.body())).isEqualTo(
        "14: receiver ran out of heap memory while reading the request; retry later");
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(fixture.consumer.received()).isEmpty();
    assertThat(fixture.httpMetrics().accepted()).isZero();
    assertThat(fixture.httpMetrics().refused()).isZero();
    assertThat(gauge("otelcol_receiver_inflight_bytes")).isZero();
  }

  private double gauge(String name) {
    return fixture.telemetry.registry().find(name)
        .tag("receiver", "otlp").tag("transport", "http").gauge().value();
  }

  /** Opens a connection and sends all of {@code body} but its last byte. */
  private Socket startSlowly(byte[] body) throws IOException {
    Socket socket = connect();
    OutputStream out = socket.getOutputStream();
    out.write(head(body.length));
    out.write(body, 0, body.length - 1);
    out.flush();
    return socket;
  }

  /** Sends a head and the first KiB of a body while the budget is spent; reads the answer. */
  private RawAnswer refusedAnswer(byte[] body) throws IOException {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(head(body.length));
      out.write(body, 0, 1024);
      out.flush();
      return RawAnswer.read(socket.getInputStream());
    }
  }

  private static RawAnswer finish(Socket socket, byte[] body) throws IOException {
    socket.getOutputStream().write(body, body.length - 1, 1);
    socket.getOutputStream().flush();
    return RawAnswer.read(socket.getInputStream());
  }

  private Socket connect() throws IOException {
    String url = fixture.tracesUrl();
    int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.indexOf("/v1")));
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static byte[] head(int contentLength) {
    return ("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + PROTOBUF
        + "\r\nContent-Length: " + contentLength + "\r\n\r\n").getBytes(US_ASCII);
  }

  /** Returns a one-span request whose serialized size is exactly {@code bytes}. */
  private static byte[] requestOfExactly(int bytes) {
    int padding = bytes;
    for (int attempt = 0; attempt < 10; attempt++) {
      byte[] encoded = padded(padding).toByteArray();
      if (encoded.length == bytes) {
        return encoded;
      }
      padding += bytes - encoded.length;
    }
    throw new IllegalStateException("no padding gives a request of " + bytes + " bytes");
  }

  private static ExportTraceServiceRequest padded(int padding) {
    ExportTraceServiceRequest one = request(1);
    KeyValue pad = KeyValue.newBuilder().setKey("pad").setValue(AnyValue.newBuilder()
        .setBytesValue(ByteString.copyFrom(new byte[Math.max(0, padding)]))).build();
    return one.toBuilder().setResourceSpans(0, one.getResourceSpans(0).toBuilder()
        .setScopeSpans(0, one.getResourceSpans(0).getScopeSpans(0).toBuilder()
            .setSpans(0, one.getResourceSpans(0).getScopeSpans(0).getSpans(0).toBuilder()
                .addAttributes(pad))))
        .build();
  }

  /** An HTTP/1.1 answer read off a socket, and whether the server closed the connection. */
  private record RawAnswer(
      int status, Map<String, String> headers, byte[] body, boolean closedAfter) {
    static RawAnswer read(InputStream in) throws IOException {
      String head = readHead(in);
      String[] lines = head.split("\r\n");
      Map<String, String> headers = new HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
      byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
      boolean closed = "close".equals(headers.get("connection")) && in.read() == -1;
      return new RawAnswer(Integer.parseInt(lines[0].split(" ")[1]), headers, body, closed);
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      byte[] end = "\r\n\r\n".getBytes(US_ASCII);
      while (head.size() < 4 || !Arrays.equals(tail(head.toByteArray()), end)) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed before the answer's head ended: " + head);
        }
        head.write(b);
      }
      return head.toString(US_ASCII);
    }

    private static byte[] tail(byte[] bytes) {
      return Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length);
    }
  }
}
