package io.sluice.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start and shutdown of the OTLP/HTTP receiver. */
class OtlpHttpReceiverLifecycleTest {
  @Test
  void portInUseFailsStartNamingTheEndpoint() throws Exception {
    try (ReceiverFixture fixture = new ReceiverFixture();
        ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Endpoint endpoint = new Endpoint("127.0.0.1", taken.getLocalPort());
      OtlpHttpReceiver receiver = new OtlpHttpReceiver(fixture.settings,
          OtlpReceiverConfig.Http.defaults().withEndpoint(endpoint), fixture.consumer);

      Throwable failure = receiver.start(new TestHost()).toCompletionStage()
          .handle((v, e) -> e).toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(failure).hasMessageStartingWith("otlp receiver: cannot listen for OTLP/HTTP on "
          + "endpoint 127.0.0.1:" + taken.getLocalPort() + ": ");
      assertThat(failure.getMessage()).containsIgnoringCase("address already in use");
      assertThat(receiver.shutdown().succeeded()).isTrue();
    }
  }

  @Test
  void unresolvableHostFailsStartNamingTheEndpoint() throws Exception {
    try (ReceiverFixture fixture = new ReceiverFixture()) {
      OtlpHttpReceiver receiver = new OtlpHttpReceiver(fixture.settings,
          OtlpReceiverConfig.Http.defaults().withEndpoint(new Endpoint("no such host", 4318)),
          fixture.consumer);

      Throwable failure = receiver.start(new TestHost()).toCompletionStage()
          .handle((v, e) -> e).toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(failure).hasMessageStartingWith(
          "otlp receiver: cannot listen for OTLP/HTTP on endpoint no such host:4318: ");
    }
  }

  @Test
  void shutdownWaitsForInFlightExports() throws Exception {
    try (ReceiverFixture fixture = new ReceiverFixture()) {
      OtlpHttpReceiver receiver = fixture.startHttp(1024 * 1024);
      Promise<Void> taken = Promise.promise();
      fixture.consumer.answerWith(taken::future);
      CompletableFuture<HttpResponse<byte[]>> response = CompletableFuture.supplyAsync(() -> {
        try {
          return OtlpRequests.post(fixture.tracesUrl(), "application/x-protobuf", null,
              OtlpRequests.request(1).toByteArray());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      org.awaitility.Awaitility.await().until(() -> fixture.consumer.received().size() == 1);

      Future<Void> stopped = receiver.shutdown();
      assertThat(stopped.isComplete()).isFalse();
      fixture.vertx.runOnContext(v -> taken.complete());

      stopped.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(fixture.httpMetrics().accepted()).isEqualTo(1);
    }
  }
}
