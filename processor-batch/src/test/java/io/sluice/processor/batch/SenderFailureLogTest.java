package io.sluice.processor.batch;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SenderFailureLogTest {
  private final AtomicLong nanos = new AtomicLong();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger("test.sender-failures");
  private final SenderFailureLog log =
      new SenderFailureLog(logger, "batch", 2, Duration.ofSeconds(10), nanos::get);

  SenderFailureLogTest() {
    appender.start();
    logger.addAppender(appender);
  }

  @Test
  void logsABurstThenOneLineWithTheCountPerInterval() {
    for (int i = 0; i < 5; i++) {
      log.failed(new IllegalStateException("no storage " + i), 10);
    }
    assertThat(appender.list).hasSize(2);

    nanos.set(Duration.ofSeconds(10).toNanos());
    log.failed(new IllegalStateException("no storage 5"), 10);

    assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "Sender failed: processor batch could not hand 10 spans to the next stage; "
            + "the exporter counts them as failed",
        "Sender failed: processor batch could not hand 10 spans to the next stage; "
            + "the exporter counts them as failed",
        "Sender failed 3 more times (30 spans) for processor batch; the last error follows",
        "Sender failed: processor batch could not hand 10 spans to the next stage; "
            + "the exporter counts them as failed");
    assertThat(appender.list.get(2).getThrowableProxy().getMessage()).isEqualTo("no storage 4");
    assertThat(appender.list.get(0).getThrowableProxy().getMessage()).isEqualTo("no storage 0");
  }

  @Test
  void flushReportsWhatWasHeldBackOnlyOnce() {
    for (int i = 0; i < 3; i++) {
      log.failed(new IllegalStateException("x"), 1);
    }

    log.flush();
    log.flush();

    assertThat(appender.list).hasSize(3);
    assertThat(appender.list.get(2).getFormattedMessage())
        .isEqualTo("Sender failed 1 more times (1 spans) for processor batch; "
            + "the last error follows");
  }
}
