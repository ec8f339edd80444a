package io.sluice.storage.opensearch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records every log event of the {@code io.sluice} loggers, DEBUG included, while it is open;
 * {@link #texts} renders each as its message and its exceptions' messages.
 */
final class LogCapture implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("io.sluice");
  private final Level levelBefore = logger.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture() {}

  /** Starts recording. */
  static LogCapture start() {
    LogCapture capture = new LogCapture();
    capture.appender.start();
    capture.logger.addAppender(capture.appender);
    capture.logger.setLevel(Level.DEBUG);
    return capture;
  }

  /** Returns each event recorded so far as one text: the message, then each cause's. */
  List<String> texts() {
    List<String> texts = new ArrayList<>();
    for (ILoggingEvent event : List.copyOf(appender.list)) {
      StringBuilder text = new StringBuilder(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        text.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      texts.add(text.toString());
    }
    return texts;
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(levelBefore);
  }
}
