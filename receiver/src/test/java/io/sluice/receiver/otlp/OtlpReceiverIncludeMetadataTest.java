package io.sluice.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code include_metadata} is accepted but not applied, since Sluice's {@code Traces} carry no
 * client metadata: {@code true} is logged once as a warning at start, per protocol.
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
  void includeMetadataTrueIsAWarningAtStart() throws Exception {
    fixture.startHttp(OtlpReceiverConfig.Http.defaults()
        .withEndpoint(new Endpoint("127.0.0.1", 0))
        .withIncludeMetadata(true));
    OtlpReceiverConfig.Grpc grpc = OtlpReceiverConfig.Grpc.defaults();
    fixture.startGrpc(new OtlpReceiverConfig.Grpc(new Endpoint("127.0.0.1", 0),
        grpc.maxRecvMsgSizeBytes(), grpc.readBufferSize(), grpc.writeBufferSize(), true,
        grpc.maxConcurrentStreams(), null));

    assertThat(warnings()).containsExactly(
        "otlp receiver: protocols.http.include_metadata is true, but Sluice does not pass "
            + "client metadata (request headers) to the pipeline yet; it is ignored",
        "otlp receiver: protocols.grpc.include_metadata is true, but Sluice does not pass "
            + "client metadata (request headers) to the pipeline yet; it is ignored");
  }

  @Test
  void includeMetadataFalseLogsNoWarning() throws Exception {
    fixture.startHttp(1024 * 1024);
    fixture.startGrpc();

    assertThat(warnings()).isEmpty();
  }

  private java.util.List<String> warnings() {
    return logs.list.stream()
        .filter(event -> event.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  private static Logger logger(Class<?> type) {
    return (Logger) LoggerFactory.getLogger(type);
  }
}
