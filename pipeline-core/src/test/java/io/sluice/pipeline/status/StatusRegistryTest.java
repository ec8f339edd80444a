package io.sluice.pipeline.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.PipelineId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusRegistryTest {
  private static final Instant T0 = Instant.parse("2024-12-17T10:00:00Z");
  private static final PipelineId TRACES = PipelineId.parse("traces");
  private static final PipelineId TRACES_B = PipelineId.parse("traces/b");
  private static final InstanceKey OTLP = key(ComponentKind.RECEIVER, "otlp", TRACES, TRACES_B);
  private static final InstanceKey BATCH = key(ComponentKind.PROCESSOR, "batch", TRACES);
  private static final InstanceKey STORAGE = key(ComponentKind.EXPORTER, "storage", TRACES);
  private static final InstanceKey HEALTH = key(ComponentKind.EXTENSION, "healthcheckv2");

  private final StepClock clock = new StepClock();
  private final StatusRegistry registry = new StatusRegistry(clock);

  @Test
  void nothingReportedIsStatusNoneAtCreation() {
    AggregateStatus overall = registry.aggregate(true, ErrorPriority.PERMANENT);

    assertThat(overall.event()).isEqualTo(new StatusEvent(ComponentStatus.NONE, null, T0));
    assertThat(overall.components()).isEmpty();
    assertThat(registry.aggregate("traces", false, ErrorPriority.PERMANENT)).isEmpty();
  }

  @Test
  void startingShowsAtOnceButOtherReportsWaitForReady() {
    startAll();

    assertThat(status("")).isEqualTo(ComponentStatus.STARTING);
    assertThat(registry.latest(OTLP).orElseThrow().status()).isEqualTo(ComponentStatus.OK);

    registry.markReady();

    assertThat(status("")).isEqualTo(ComponentStatus.OK);
    assertThat(status("traces")).isEqualTo(ComponentStatus.OK);
    assertThat(status("traces/b")).isEqualTo(ComponentStatus.OK);
    assertThat(status("extensions")).isEqualTo(ComponentStatus.OK);
  }

  @Test
  void identicalStatusesAggregateToTheLatestEvent() {
    startAll();
    registry.markReady();

    StatusEvent overall = registry.aggregate(false, ErrorPriority.PERMANENT).event();

    // The last OK was the receiver's, the eighth report, at T0 + 8s.
    assertThat(overall).isEqualTo(new StatusEvent(ComponentStatus.OK, null, T0.plusSeconds(8)));
  }

  @Test
  void errorsKeepTheEarliestTimestampAndTheirError() {
    startAll();
    registry.markReady();
    IllegalStateException first = new IllegalStateException("storage down");
    registry.report(STORAGE, ComponentStatus.RECOVERABLE_ERROR, first);
    registry.report(BATCH, ComponentStatus.RECOVERABLE_ERROR, new IllegalStateException("later"));

    StatusEvent traces = registry.aggregate("traces", false, ErrorPriority.PERMANENT)
        .orElseThrow().event();

    assertThat(traces).isEqualTo(
        new StatusEvent(ComponentStatus.RECOVERABLE_ERROR, first, T0.plusSeconds(9)));
    assertThat(status("traces/b")).isEqualTo(ComponentStatus.OK);
    assertThat(status("")).isEqualTo(ComponentStatus.RECOVERABLE_ERROR);
  }

  @Test
  void priorityDecidesBetweenPermanentAndRecoverable() {
    startAll();
    registry.markReady();
    registry.report(STORAGE, ComponentStatus.RECOVERABLE_ERROR, new RuntimeException("r"));
    registry.report(BATCH, ComponentStatus.PERMANENT_ERROR, new RuntimeException("p"));

    assertThat(registry.aggregate(false, ErrorPriority.PERMANENT).status())
        .isEqualTo(ComponentStatus.PERMANENT_ERROR);
    assertThat(registry.aggregate(false, ErrorPriority.RECOVERABLE).status())
        .isEqualTo(ComponentStatus.RECOVERABLE_ERROR);
  }

  @Test
  void lifecycleStatusesOutrankErrorsAndStoppedCountsAsStopping() {
    startAll();
    registry.markReady();
    registry.report(STORAGE, ComponentStatus.PERMANENT_ERROR, new RuntimeException("p"));
    registry.report(OTLP, ComponentStatus.STOPPING, null);

    assertThat(status("traces")).isEqualTo(ComponentStatus.STOPPING);

    registry.report(OTLP, ComponentStatus.STOPPED, null);

    StatusEvent traces = registry.aggregate("traces", false, ErrorPriority.PERMANENT)
        .orElseThrow().event();
    assertThat(traces).isEqualTo(
        new StatusEvent(ComponentStatus.STOPPING, null, T0.plusSeconds(11)));
  }

  @Test
  void fatalErrorOutranksEverything() {
    startAll();
    registry.markReady();
    registry.report(BATCH, ComponentStatus.STOPPING, null);
    registry.report(STORAGE, ComponentStatus.FATAL_ERROR, new RuntimeException("boom"));

    assertThat(status("")).isEqualTo(ComponentStatus.FATAL_ERROR);
  }

  @Test
  void invalidTransitionsAreDropped() {
    assertThat(registry.report(OTLP, ComponentStatus.OK, null)).isFalse();
    assertThat(registry.report(OTLP, ComponentStatus.STARTING, null)).isTrue();
    assertThat(registry.report(OTLP, ComponentStatus.OK, null)).isTrue();
    assertThat(registry.report(OTLP, ComponentStatus.OK, null)).isFalse();
    assertThat(registry.report(OTLP, ComponentStatus.PERMANENT_ERROR, null)).isTrue();
    assertThat(registry.report(OTLP, ComponentStatus.OK, null)).isFalse();
    assertThat(registry.report(OTLP, ComponentStatus.STOPPING, null)).isTrue();
    assertThat(registry.report(OTLP, ComponentStatus.STOPPED, null)).isTrue();
    assertThat(registry.report(OTLP, ComponentStatus.STARTING, null)).isFalse();

    assertThat(registry.latest(OTLP).orElseThrow().status()).isEqualTo(ComponentStatus.STOPPED);
  }

  @Test
  void verboseViewNestsScopesAndComponentsByKey() {
    startAll();
    registry.markReady();

    AggregateStatus overall = registry.aggregate(true, ErrorPriority.PERMANENT);

    assertThat(overall.components()).containsOnlyKeys(
        "extensions", "pipeline:traces", "pipeline:traces/b");
    assertThat(overall.components().get("pipeline:traces").components()).containsOnlyKeys(
        "exporter:storage", "processor:batch", "receiver:otlp");
    assertThat(overall.components().get("extensions").components())
        .containsOnlyKeys("extension:healthcheckv2");
    assertThat(registry.aggregate("traces", false, ErrorPriority.PERMANENT).orElseThrow()
        .components()).isEmpty();
  }

  @Test
  void listenersHearEveryAcceptedReportUntilRemoved() {
    List<String> heard = new ArrayList<>();
    Runnable remove = registry.addListener(
        (key, event) -> heard.add(key.componentKey() + " " + event.status().text()));

    registry.reporter(OTLP).report(ComponentStatus.STARTING, null);
    registry.reporter(OTLP).report(ComponentStatus.STOPPED, null);
    remove.run();
    registry.reporter(OTLP).report(ComponentStatus.OK, null);

    assertThat(heard).containsExactly("receiver:otlp StatusStarting");
  }

  /** Starts in the service's order: extension, exporter, processor, receiver. */
  private void startAll() {
    for (InstanceKey key : List.of(HEALTH, STORAGE, BATCH, OTLP)) {
      registry.report(key, ComponentStatus.STARTING, null);
      registry.report(key, ComponentStatus.OK, null);
    }
  }

  private ComponentStatus status(String scope) {
    return registry.aggregate(scope, false, ErrorPriority.PERMANENT).orElseThrow().status();
  }

  private static InstanceKey key(ComponentKind kind, String id, PipelineId... pipelines) {
    return new InstanceKey(kind, ComponentId.parse(id), Set.of(pipelines));
  }

  /** A clock that starts at T0 and moves one second each time it is read after the first. */
  private static final class StepClock extends Clock {
    private Instant next = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      Instant now = next;
      next = next.plus(Duration.ofSeconds(1));
      return now;
    }
  }
}
