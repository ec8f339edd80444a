package io.sluice.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sluice.pipeline.ClientMetadata;
import io.sluice.pipeline.Traces;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * With {@code include_metadata: true} the request's HTTP headers or gRPC metadata travel with
 * its spans as {@link ClientMetadata}, keys lowercased; with the default {@code false} every
 * batch carries {@link ClientMetadata#EMPTY}. Neither setting logs a warning.
 */
class OtlpReceiverIncludeMetadataTest {
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private ReceiverFixture fixture;

  @BeforeEach
  void capture() {
    logs.start();
    logger(OtlpHttpReceiver.class).addAppender(logs);
    logger(OtlpGrpcReceiver.class).addAppender(logs);
    fixture = new ReceiverFixture();
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
    logger(OtlpHttpReceiver.class).detachAppender(logs);
    logger(OtlpGrpcReceiver.class).detachAppender(logs);
  }

  @Test
  void httpHeadersArriveLowercasedWithIncludeMetadata() throws Exception {
    fixture.startHttp(OtlpReceiverConfig.Http.defaults()
        .withEndpoint(new Endpoint("127.0.0.1", 0))
        .withIncludeMetadata(true));

    HttpResponse<byte[]> response = postWithTenant("Acme");

    assertThat(response.statusCode()).isEqualTo(200);
    ClientMetadata metadata = onlyBatch().metadata();
    assertThat(metadata.values().get("x-tenant")).containsExactly("Acme", "Beta");
    assertThat(metadata.get("X-Tenant")).containsExactly("Acme", "Beta");
    assertThat(metadata.values().get("content-type")).containsExactly("application/x-protobuf");
    assertThat(metadata.values()).doesNotContainKeys("X-Tenant", "host");
    assertThat(warnings()).isEmpty();
  }

  @Test
  void httpHeadersStayOutWithoutIncludeMetadata() throws Exception {
    fixture.startHttp(1024 * 1024);

    HttpResponse<byte[]> response = postWithTenant("Acme");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(onlyBatch().metadata()).isSameAs(ClientMetadata.EMPTY);
  }

  @Test
  void grpcMetadataArrivesLowercasedWithIncludeMetadata() throws Exception {
    OtlpReceiverConfig.Grpc grpc = OtlpReceiverConfig.Grpc.defaults();
    OtlpGrpcReceiver receiver = fixture.startGrpc(new OtlpReceiverConfig.Grpc(
        new Endpoint("127.0.0.1", 0), grpc.maxRecvMsgSizeBytes(), grpc.readBufferSize(),
        grpc.writeBufferSize(), true, grpc.maxConcurrentStreams(), null));

    int status = callWithTenant(receiver.port(), "Acme");

    assertThat(status).isEqualTo(200);
    ClientMetadata metadata = onlyBatch().metadata();
    assertThat(metadata.values().get("x-tenant")).containsExactly("Acme");
    assertThat(metadata.values().get("content-type")).containsExactly("application/grpc");
    assertThat(metadata.values().keySet()).noneMatch(key -> key.startsWith(":"));
    assertThat(warnings()).isEmpty();
  }

  @Test
  void grpcMetadataStaysOutWithoutIncludeMetadata() throws Exception {
    OtlpGrpcReceiver receiver = fixture.startGrpc();

    int status = callWithTenant(receiver.port(), "Acme");

    assertThat(status).isEqualTo(200);
    assertThat(onlyBatch().metadata()).isSameAs(ClientMetadata.EMPTY);
  }

  private HttpResponse<byte[]> postWithTenant(String tenant) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(fixture.tracesUrl()))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-protobuf")
        .header("X-Tenant", tenant)
        .header("x-tenant", "Beta")
        .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpRequests.request(2).toByteArray()))
        .build();
    return OtlpRequests.CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Sends one Export call over HTTP/2 with prior knowledge; returns the HTTP status. */
  private int callWithTenant(int port, String tenant) throws Exception {
    HttpClient client = fixture.vertx.createHttpClient(new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false));
    try {
      byte[] message = OtlpRequests.request(2).toByteArray();
      Buffer frame = Buffer.buffer().appendByte((byte) 0).appendInt(message.length)
          .appendBytes(message);
      RequestOptions options = new RequestOptions()
          .setMethod(HttpMethod.POST)
          .setHost("127.0.0.1")
          .setPort(port)
          .setURI("/opentelemetry.proto.collector.trace.v1.TraceService/Export")
          .putHeader("content-type", "application/grpc")
          .putHeader("te", "trailers")
          .putHeader("X-Tenant", tenant);
      return client.request(options)
          .compose(request -> request.send(frame))
          .compose(response -> response.body().map(body -> response.statusCode()))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }

  private Traces onlyBatch() {
    assertThat(fixture.consumer.received()).hasSize(1);
    return fixture.consumer.received().get(0);
  }

  private List<String> warnings() {
    return logs.list.stream()
        .filter(event -> event.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  private static Logger logger(Class<?> type) {
    return (Logger) LoggerFactory.getLogger(type);
  }
}
