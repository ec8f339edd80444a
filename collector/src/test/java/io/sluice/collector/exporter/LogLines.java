package io.sluice.collector.exporter;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records the messages one logger writes, for tests that assert exact log lines. */
final class LogLines implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogLines(Class<?> loggerClass) {
    logger = (Logger) LoggerFactory.getLogger(loggerClass);
    appender.start();
    logger.addAppender(appender);
  }

  /** Starts recording the logger named after {@code loggerClass}. */
  static LogLines of(Class<?> loggerClass) {
    return new LogLines(loggerClass);
  }

  /** Returns every formatted message so far, with its level, e.g. {@code INFO Traces ...}. */
  List<String> all() {
    return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
