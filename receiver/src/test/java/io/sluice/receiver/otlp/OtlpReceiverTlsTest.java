package io.sluice.receiver.otlp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tls.cert_file} and {@code tls.key_file}: a certificate made at test time, the
 * OpenTelemetry Java SDK exporting over HTTPS and gRPC with TLS, and plaintext refused.
 */
class OtlpReceiverTlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  private static OtlpReceiverConfig.Tls tls;
  private static byte[] certificatePem;

  private ReceiverFixture fixture;

  @BeforeAll
  static void makeCertificate() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    runKeytool(keyStore);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD);
    }
    Certificate certificate = store.getCertificate("server");
    certificatePem = pem("CERTIFICATE", certificate.getEncoded());
    Path cert = Files.write(dir.resolve("server.crt"), certificatePem);
    Path key = Files.write(dir.resolve("server.key"),
        pem("PRIVATE KEY", store.getKey("server", PASSWORD).getEncoded()));
    tls = new OtlpReceiverConfig.Tls(cert.toString(), key.toString());
  }

  @BeforeEach
  void create() {
    fixture = new ReceiverFixture();
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void sdkExportsOverHttpsLand() throws Exception {
    OtlpHttpReceiver receiver = fixture.startHttp(OtlpReceiverConfig.Http.defaults()
        .withEndpoint(new Endpoint("127.0.0.1", 0))
        .withTls(tls));

    export(OtlpHttpSpanExporter.builder()
        .setEndpoint("https://localhost:" + receiver.port() + "/v1/traces")
        .setTrustedCertificates(certificatePem)
        .build());

    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.httpMetrics().accepted() == 1);
    assertThat(spanNames()).containsExactly("over-tls");
    assertThat(fixture.httpMetrics().refused()).isZero();
  }

  @Test
  void sdkExportsOverGrpcWithTlsLand() throws Exception {
    OtlpGrpcReceiver receiver = fixture.startGrpc(OtlpReceiverConfig.Grpc.defaults()
        .withEndpoint(new Endpoint("127.0.0.1", 0))
        .withTls(tls));

    export(OtlpGrpcSpanExporter.builder()
        .setEndpoint("https://localhost:" + receiver.port())
        .setTrustedCertificates(certificatePem)
        .build());

    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.grpcMetrics().accepted() == 1);
    assertThat(spanNames()).containsExactly("over-tls");
  }

  @Test
  void plainHttpToTheTlsPortIsClosedWithoutAnAnswer() throws Exception {
    OtlpHttpReceiver receiver = fixture.startHttp(OtlpReceiverConfig.Http.defaults()
        .withEndpoint(new Endpoint("127.0.0.1", 0))
        .withTls(tls));
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + receiver.port() + "/v1/traces"))
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpRequests.request(1).toByteArray()))
        .build();

    long startNanos = System.nanoTime();
    assertThatThrownBy(() ->
        OtlpRequests.CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray()))
        .isInstanceOf(IOException.class)
        // The JDK's wording of "closed before any byte" varies by version; no timeout is the point.
        .isNotInstanceOf(HttpTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - startNanos))
        .isLessThan(Duration.ofSeconds(2));
    assertThat(fixture.consumer.received()).isEmpty();
  }

  private static void export(SpanExporter exporter) {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
        .build();
    Tracer tracer = provider.get("io.sluice.test");
    tracer.spanBuilder("over-tls").startSpan().end();
    assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    provider.shutdown().join(10, TimeUnit.SECONDS);
  }

  private List<String> spanNames() {
    return fixture.consumer.received().stream()
        .flatMap(traces -> traces.resourceSpans().stream())
        .flatMap(rs -> rs.getScopeSpansList().stream())
        .flatMap(ss -> ss.getSpansList().stream())
        .map(io.opentelemetry.proto.trace.v1.Span::getName)
        .toList();
  }

  /** Makes a self-signed RSA certificate for localhost and 127.0.0.1 with the JDK's keytool. */
  private static void runKeytool(Path keyStore) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
        "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", keyStore.toString(), "-storepass", new String(PASSWORD),
        "-keypass", new String(PASSWORD))
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), US_ASCII);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  private static byte[] pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(der);
    return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
        .getBytes(US_ASCII);
  }
}
