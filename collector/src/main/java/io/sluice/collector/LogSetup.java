package io.sluice.collector;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.sluice.pipeline.service.TelemetryConfig;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@code service.telemetry.logs} (level, encoding) to Logback. */
final class LogSetup {
  private LogSetup() {}

  /** Sets the root level and, for {@code json}, switches the console to one JSON object a line. */
  static void apply(TelemetryConfig telemetry) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level(telemetry.logLevel()));
    if (telemetry.logEncoding().equalsIgnoreCase("json")) {
      useJson(context, root);
    }
  }

  private static Level level(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "debug" -> Level.DEBUG;
      case "warn" -> Level.WARN;
      case "error", "dpanic", "panic", "fatal" -> Level.ERROR;
      default -> Level.INFO;
    };
  }

  private static void useJson(LoggerContext context, ch.qos.logback.classic.Logger root) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
  }
}
