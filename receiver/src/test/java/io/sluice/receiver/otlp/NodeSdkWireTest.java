package io.sluice.receiver.otlp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.sluice.pipeline.Traces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry JS SDK (Node, from npm; versions pinned in {@code src/test/node}) exports
 * spans over http/json and http/protobuf, each plain and gzip, and every field arrives.
 *
 * <p>Node.js and npm must be on the PATH: without them this test fails rather than skips, so
 * that CI cannot pass without running it. {@code npm ci} runs into {@code target/node} once per
 * lock file.
 */
class NodeSdkWireTest {
  private static final Path SOURCE_DIR = Path.of("src", "test", "node");
  private static final Path WORK_DIR = Path.of("target", "node");
  private static final List<String> SCRIPT_FILES =
      List.of("package.json", "package-lock.json", "send.js");
  private static final long NPM_CI_TIMEOUT_SECONDS = 600;
  private static final long SEND_TIMEOUT_SECONDS = 300;
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String TRACE_STATE = "vendor=a,other=b";
  private static final long START_NANOS = 1_700_000_000_000_000_123L;
  private static final long MILLI = 1_000_000L;
  /** OTLP span flags: the low byte is W3C trace flags, 0x100 "has is-remote", 0x200 remote. */
  private static final int LOCAL_SAMPLED = 0x101;
  private static final int REMOTE_SAMPLED = 0x301;
  private static final int REMOTE_NOT_SAMPLED = 0x300;

  private ReceiverFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new ReceiverFixture();
    fixture.startHttp(OtlpReceiverConfig.Http.DEFAULT_MAX_REQUEST_BODY_BYTES);
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void jsSdkSpansArriveWithEveryFieldOverJsonAndProtobuf() throws Exception {
    installScript();

    String output = run(SEND_TIMEOUT_SECONDS, "send", fixture.tracesUrl(), "node", "send.js");

    assertThat(output.lines()).containsExactly(
        "http/json ok 5 spans",
        "http/json+gzip ok 5 spans",
        "http/protobuf ok 5 spans",
        "http/protobuf+gzip ok 5 spans");
    List<Traces> received = fixture.consumer.received();
    assertThat(received).hasSize(4);
    for (Traces traces : received) {
      assertThat(traces.resourceSpans()).containsExactly(expected());
    }
    assertThat(fixture.httpMetrics().accepted()).isEqualTo(20);
    assertThat(fixture.httpMetrics().refused()).isZero();
  }

  /** What send.js sends: the SDK groups spans by resource and scope, in the order they ended. */
  private static ResourceSpans expected() {
    return ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder()
            .addAttributes(kv("service.name", string("node-wire")))
            .addAttributes(kv("service.version", string("1.2.3")))
            .addAttributes(kv("host.cores", integer(2))))
        .addScopeSpans(ScopeSpans.newBuilder()
            .setScope(InstrumentationScope.newBuilder()
                .setName("sluice-node-wire")
                .setVersion("0.1.0"))
            .addSpans(child(2, "POST /charge", Span.SpanKind.SPAN_KIND_CLIENT, 10, 35)
                .addAttributes(kv("peer.service", string("payments")))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK)))
            .addSpans(child(3, "orders publish", Span.SpanKind.SPAN_KIND_PRODUCER, 36, 37))
            .addSpans(child(4, "orders process", Span.SpanKind.SPAN_KIND_CONSUMER, 38, 39))
            .addSpans(child(5, "render", Span.SpanKind.SPAN_KIND_INTERNAL, 41, 42))
            .addSpans(serverSpan()))
        .build();
  }

  private static Span.Builder serverSpan() {
    return span(1, "00f067aa0ba902b7", "GET /checkout", Span.SpanKind.SPAN_KIND_SERVER, 0, 50)
        .setFlags(REMOTE_SAMPLED)
        .addAttributes(kv("http.method", string("GET")))
        .addAttributes(kv("http.status_code", integer(502)))
        .addAttributes(kv("retry", AnyValue.newBuilder().setBoolValue(true).build()))
        .addAttributes(kv("load", real(0.75)))
        .addAttributes(kv("tags", array(string("a"), string("b"))))
        .addAttributes(kv("codes", array(integer(1), integer(2), integer(3))))
        .addAttributes(kv("ratios", array(real(0.5), real(1.5))))
        .addAttributes(kv("flags", array(
            AnyValue.newBuilder().setBoolValue(true).build(),
            AnyValue.newBuilder().setBoolValue(false).build())))
        .addAttributes(kv("negative", integer(-42)))
        .addEvents(Span.Event.newBuilder()
            .setTimeUnixNano(START_NANOS + 5 * MILLI)
            .setName("cache.miss")
            .addAttributes(kv("cache.key", string("cart-7")))
            .addAttributes(kv("cache.size", integer(128))))
        .addEvents(Span.Event.newBuilder()
            .setTimeUnixNano(START_NANOS + 40 * MILLI)
            .setName("exception")
            .addAttributes(kv("exception.type", string("PaymentDeclined")))
            .addAttributes(kv("exception.message", string("card expired"))))
        .addLinks(Span.Link.newBuilder()
            .setTraceId(ByteString.fromHex("4bf92f3577b34da6a3ce929d0e0e4736"))
            .setSpanId(ByteString.fromHex("53995c3f42cd8ad8"))
            .setTraceState("link=1")
            .addAttributes(kv("link.reason", string("retry-of")))
            .addAttributes(kv("link.attempt", integer(2)))
            .setFlags(REMOTE_NOT_SAMPLED))
        .setStatus(Status.newBuilder()
            .setCode(Status.StatusCode.STATUS_CODE_ERROR)
            .setMessage("payment declined"));
  }

  private static Span.Builder child(
      int id, String name, Span.SpanKind kind, long startMillis, long endMillis) {
    return span(id, "0000000000000001", name, kind, startMillis, endMillis)
        .setFlags(LOCAL_SAMPLED)
        .setStatus(Status.getDefaultInstance());
  }

  private static Span.Builder span(int id, String parentHex, String name, Span.SpanKind kind,
      long startMillis, long endMillis) {
    return Span.newBuilder()
        .setTraceId(ByteString.fromHex(TRACE_ID))
        .setSpanId(ByteString.fromHex(String.format("%016x", id)))
        .setParentSpanId(ByteString.fromHex(parentHex))
        .setTraceState(TRACE_STATE)
        .setName(name)
        .setKind(kind)
        .setStartTimeUnixNano(START_NANOS + startMillis * MILLI)
        .setEndTimeUnixNano(START_NANOS + endMillis * MILLI);
  }

  private static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static AnyValue string(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  private static AnyValue integer(long value) {
    return AnyValue.newBuilder().setIntValue(value).build();
  }

  private static AnyValue real(double value) {
    return AnyValue.newBuilder().setDoubleValue(value).build();
  }

  private static AnyValue array(AnyValue... values) {
    return AnyValue.newBuilder()
        .setArrayValue(ArrayValue.newBuilder().addAllValues(Arrays.asList(values)))
        .build();
  }

  /** Copies the script to target/node and runs {@code npm ci} unless this lock file is there. */
  private static void installScript() throws Exception {
    Files.createDirectories(WORK_DIR);
    byte[] lock = Files.readAllBytes(SOURCE_DIR.resolve("package-lock.json"));
    Path installedLock = WORK_DIR.resolve("node_modules").resolve(".sluice-installed-lock.json");
    boolean installed = Files.exists(installedLock)
        && Arrays.equals(Files.readAllBytes(installedLock), lock);
    for (String file : SCRIPT_FILES) {
      Files.copy(SOURCE_DIR.resolve(file), WORK_DIR.resolve(file),
          StandardCopyOption.REPLACE_EXISTING);
    }
    if (!installed) {
      run(NPM_CI_TIMEOUT_SECONDS, "npm-ci", "", "npm", "ci", "--no-audit", "--no-fund");
      Files.write(installedLock, lock);
    }
  }

  /**
   * Runs {@code command} in target/node with {@code url} in SLUICE_OTLP_TRACES_URL and returns
   * its standard output; fails the test when the program is missing, exits non-zero or outlives
   * {@code timeoutSeconds}.
   */
  private static String run(
      long timeoutSeconds, String logName, String url, String... command) throws Exception {
    Path stdout = WORK_DIR.resolve(logName + ".out");
    Path stderr = WORK_DIR.resolve(logName + ".err");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(WORK_DIR.toFile())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    builder.environment().put("SLUICE_OTLP_TRACES_URL", url);
    Process process = start(builder, command[0]);
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("%s did not finish within %d s; stderr: %s",
          String.join(" ", command), timeoutSeconds, Files.readString(stderr, UTF_8));
    }
    if (process.exitValue() != 0) {
      fail("%s exited with %d; stdout: %s; stderr: %s", String.join(" ", command),
          process.exitValue(), Files.readString(stdout, UTF_8), Files.readString(stderr, UTF_8));
    }
    return Files.readString(stdout, UTF_8);
  }

  private static Process start(ProcessBuilder builder, String program) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new AssertionError(program + " is not on the PATH (" + e.getMessage() + "): "
          + "NodeSdkWireTest needs Node.js >= 18.19 and npm; on Debian: apt-get install nodejs npm",
          e);
    }
  }
}
