package io.sluice.collector;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import io.sluice.pipeline.service.TelemetryConfig;
import io.sluice.pipeline.telemetry.MetricsLevel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSetupTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private Level savedLevel;
  private List<Appender<ILoggingEvent>> savedAppenders;

  @BeforeEach
  void saveRoot() {
    savedLevel = root.getLevel();
    savedAppenders = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      savedAppenders.add(it.next());
    }
  }

  @AfterEach
  void restoreRoot() {
    root.detachAndStopAllAppenders();
    savedAppenders.forEach(appender -> {
      appender.start();
      root.addAppender(appender);
    });
    root.setLevel(savedLevel);
  }

  @Test
  void logsLevelSetsTheRootLevel() {
    LogSetup.apply(telemetry("debug", "console"));
    assertThat(root.getLevel()).isEqualTo(Level.DEBUG);

    LogSetup.apply(telemetry("warn", "console"));
    assertThat(root.getLevel()).isEqualTo(Level.WARN);

    LogSetup.apply(telemetry("error", "console"));
    assertThat(root.getLevel()).isEqualTo(Level.ERROR);
  }

  @Test
  void jsonEncodingReplacesTheConsoleAppenderWithOneJsonEncoder() {
    LogSetup.apply(telemetry("info", "json"));

    List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(appenders::add);
    assertThat(appenders).hasSize(1);
    assertThat(((OutputStreamAppender<ILoggingEvent>) appenders.get(0)).getEncoder())
        .isInstanceOf(JsonEncoder.class);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
  }

  private static TelemetryConfig telemetry(String level, String encoding) {
    return new TelemetryConfig(MetricsLevel.NONE, "localhost", 8888, Map.of(), level, encoding);
  }
}
