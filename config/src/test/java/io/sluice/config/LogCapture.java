package io.sluice.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records what one logger writes, for tests that assert log lines. */
final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(Class<?> loggerClass) {
    logger = (Logger) LoggerFactory.getLogger(loggerClass);
    appender.start();
    logger.addAppender(appender);
  }

  /** Starts recording the logger named after {@code loggerClass}. */
  static LogCapture of(Class<?> loggerClass) {
    return new LogCapture(loggerClass);
  }

  /** Returns the formatted lines logged at {@code level}. */
  List<String> lines(Level level) {
    return appender.list.stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  /** Returns every formatted line. */
  List<String> all() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
