package io.sluice.receiver.otlp;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.ReceiverMetrics;
import io.sluice.pipeline.telemetry.Telemetry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real Vert.x, real telemetry and OTLP receivers on free loopback ports. */
final class ReceiverFixture implements AutoCloseable {
  static final ComponentId ID = new ComponentId("otlp", "");

  final Vertx vertx = Vertx.vertx();
  final Telemetry telemetry = new Telemetry(MetricsLevel.BASIC, new SimpleMeterRegistry());
  final RecordingConsumer consumer = new RecordingConsumer();
  final CreateSettings settings = new CreateSettings(ID, ComponentKind.RECEIVER, vertx, telemetry);
  private OtlpHttpReceiver receiver;
  private OtlpGrpcReceiver grpcReceiver;

  /** Starts an HTTP receiver on 127.0.0.1 with the default settings and {@code maxBodyBytes}. */
  OtlpHttpReceiver startHttp(long maxBodyBytes) throws Exception {
    OtlpReceiverConfig.Http config = OtlpReceiverConfig.Http.defaults()
        .withEndpoint(new Endpoint("127.0.0.1", 0))
        .withMaxRequestBodyBytes(maxBodyBytes);
    return startHttp(config);
  }

  /** Starts an HTTP receiver with {@code config}. */
  OtlpHttpReceiver startHttp(OtlpReceiverConfig.Http config) throws Exception {
    return startHttp(new OtlpHttpReceiver(settings, config, consumer));
  }

  /** Starts {@code created}, which must use this fixture's settings. */
  OtlpHttpReceiver startHttp(OtlpHttpReceiver created) throws Exception {
    receiver = created;
    receiver.start(new TestHost()).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    return receiver;
  }

  /** Starts a gRPC receiver on 127.0.0.1 with the default settings. */
  OtlpGrpcReceiver startGrpc() throws Exception {
    return startGrpc(
        OtlpReceiverConfig.Grpc.defaults().withEndpoint(new Endpoint("127.0.0.1", 0)));
  }

  /** Starts a gRPC receiver with {@code config}. */
  OtlpGrpcReceiver startGrpc(OtlpReceiverConfig.Grpc config) throws Exception {
    grpcReceiver = new OtlpGrpcReceiver(settings, config, consumer);
    grpcReceiver.start(new TestHost()).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    return grpcReceiver;
  }

  /** Returns the gRPC transport's accepted/refused counters. */
  ReceiverMetrics grpcMetrics() {
    return telemetry.receiver(ID, "grpc");
  }

  /** Returns the HTTP transport's accepted/refused counters (the same meters, re-registered). */
  ReceiverMetrics httpMetrics() {
    return telemetry.receiver(ID, "http");
  }

  String tracesUrl() {
    return "http://127.0.0.1:" + receiver.port() + "/v1/traces";
  }

  @Override
  public void close() throws Exception {
    if (receiver != null) {
      receiver.shutdown().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (grpcReceiver != null) {
      grpcReceiver.shutdown().toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture()
        .get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
  }
}
