package io.sluice.pipeline.status;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.PipelineId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the latest status of every component instance and aggregates them per pipeline and for
 * the whole service, as the collector's status reporter and healthcheckv2's aggregator do
 * (spec/collector-runtime.md §2.3, §7).
 *
 * <p>Reports go through the collector's state machine: a report that is not a valid transition
 * from the instance's current status (e.g. {@code OK} after {@code PermanentError}, anything
 * after {@code FatalError} or {@code Stopped}, or {@code OK} twice) is dropped. Until
 * {@link #markReady()} only {@code Starting} reports reach the aggregates; the others are held
 * and applied in order when the service is ready, so that the health does not flap between
 * Starting and OK while components start one by one.
 *
 * <p>Aggregates are keyed like the collector's: {@code extensions} and
 * {@code pipeline:<pipeline id>} under the service, {@code <kind>:<component id>} under those.
 * Thread-safe; listeners are called on the reporting thread, outside the lock.
 */
public final class StatusRegistry {
  /** The scope of the extensions, which the collector treats as a pseudo-pipeline. */
  public static final String SCOPE_EXTENSIONS = "extensions";

  private static final String PIPELINE_PREFIX = "pipeline:";
  private static final Logger LOG = LoggerFactory.getLogger(StatusRegistry.class);
  private static final Map<ComponentStatus, Set<ComponentStatus>> TRANSITIONS = transitions();

  private final Clock clock;
  private final Instant createdAt;
  private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();

  // Guarded by this.
  private final Map<InstanceKey, StatusEvent> current = new HashMap<>();
  private final Map<InstanceKey, StatusEvent> published = new LinkedHashMap<>();
  private final List<Map.Entry<InstanceKey, StatusEvent>> held = new ArrayList<>();
  private boolean ready;

  /** Receives every accepted report, as it is made. */
  @FunctionalInterface
  public interface StatusListener {
    /** Called after {@code key} moved to {@code event}'s status. */
    void onStatus(InstanceKey key, StatusEvent event);
  }

  /** Creates a registry on the system clock. */
  public StatusRegistry() {
    this(Clock.systemUTC());
  }

  /** Creates a registry that stamps reports with {@code clock}. */
  public StatusRegistry(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    this.createdAt = clock.instant();
  }

  /** Returns the reporter of one instance; reports go to {@link #report}. */
  public StatusReporter reporter(InstanceKey key) {
    requireNonNull(key, "key");
    return (status, error) -> report(key, status, error);
  }

  /**
   * Records that {@code key} is now in {@code status}; returns false, recording nothing, when
   * that is not a valid transition from its current status.
   */
  public boolean report(InstanceKey key, ComponentStatus status, @Nullable Throwable error) {
    requireNonNull(key, "key");
    requireNonNull(status, "status");
    StatusEvent event;
    synchronized (this) {
      ComponentStatus from = statusOf(key);
      if (!TRANSITIONS.get(from).contains(status)) {
        LOG.debug("{} \"{}\": ignoring status {} after {}", key.kind().label(), key.id(),
            status.text(), from.text());
        return false;
      }
      event = new StatusEvent(status, error, clock.instant());
      current.put(key, event);
      publishOrHold(key, event);
    }
    for (StatusListener listener : listeners) {
      listener.onStatus(key, event);
    }
    return true;
  }

  /**
   * Marks the service as ready (every component started): the reports held since start reach
   * the aggregates, and later ones reach them at once. Calling it again does nothing.
   */
  public synchronized void markReady() {
    ready = true;
    held.forEach(e -> published.put(e.getKey(), e.getValue()));
    held.clear();
  }

  /** Returns the latest accepted report of {@code key}, held or not. */
  public synchronized Optional<StatusEvent> latest(InstanceKey key) {
    return Optional.ofNullable(current.get(key));
  }

  /** Adds a listener of every accepted report; the returned action removes it. */
  public Runnable addListener(StatusListener listener) {
    requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Returns the aggregate status of the whole service: {@code StatusNone}, stamped with the
   * registry's creation time, until the first report.
   *
   * @param verbose include the scopes and, under each, its components
   */
  public synchronized AggregateStatus aggregate(boolean verbose, ErrorPriority priority) {
    Map<String, AggregateStatus> scopes = scopes(priority);
    if (scopes.isEmpty()) {
      return new AggregateStatus(new StatusEvent(ComponentStatus.NONE, null, createdAt), Map.of());
    }
    List<StatusEvent> events = scopes.values().stream().map(AggregateStatus::event).toList();
    StatusEvent overall = Aggregation.aggregate(events, priority);
    return new AggregateStatus(overall, verbose ? scopes : Map.of());
  }

  /**
   * Returns the aggregate status of one scope: {@value #SCOPE_EXTENSIONS} or a pipeline id such
   * as {@code traces}; an empty scope is the whole service. Empty when no component of that
   * scope has reported.
   */
  public synchronized Optional<AggregateStatus> aggregate(
      String scope, boolean verbose, ErrorPriority priority) {
    if (scope.isEmpty()) {
      return Optional.of(aggregate(verbose, priority));
    }
    String key = scope.equals(SCOPE_EXTENSIONS) ? scope : PIPELINE_PREFIX + scope;
    return Optional.ofNullable(scopes(priority).get(key)).map(s -> concise(s, verbose));
  }

  private static AggregateStatus concise(AggregateStatus status, boolean verbose) {
    return verbose ? status : new AggregateStatus(status.event(), Map.of());
  }

  private ComponentStatus statusOf(InstanceKey key) {
    StatusEvent event = current.get(key);
    return event == null ? ComponentStatus.NONE : event.status();
  }

  private void publishOrHold(InstanceKey key, StatusEvent event) {
    if (ready || event.status() == ComponentStatus.STARTING) {
      published.put(key, event);
    } else {
      held.add(Map.entry(key, event));
    }
  }

  /** Returns each scope's aggregate with its components, from the published reports. */
  private Map<String, AggregateStatus> scopes(ErrorPriority priority) {
    Map<String, Map<String, AggregateStatus>> byScope = new LinkedHashMap<>();
    published.forEach((key, event) -> {
      for (String scope : scopeKeys(key)) {
        byScope.computeIfAbsent(scope, s -> new LinkedHashMap<>())
            .put(key.componentKey(), new AggregateStatus(event, Map.of()));
      }
    });
    Map<String, AggregateStatus> scopes = new LinkedHashMap<>();
    byScope.forEach((scope, components) -> scopes.put(scope, scope(components, priority)));
    return scopes;
  }

  private static AggregateStatus scope(
      Map<String, AggregateStatus> components, ErrorPriority priority) {
    Collection<StatusEvent> events =
        components.values().stream().map(AggregateStatus::event).toList();
    return new AggregateStatus(Aggregation.aggregate(events, priority), components);
  }

  private static List<String> scopeKeys(InstanceKey key) {
    if (key.kind() == ComponentKind.EXTENSION) {
      return List.of(SCOPE_EXTENSIONS);
    }
    List<String> keys = new ArrayList<>();
    for (PipelineId pipeline : key.pipelines()) {
      keys.add(PIPELINE_PREFIX + pipeline);
    }
    return keys;
  }

  /** The collector's status state machine (service/internal/status). */
  private static Map<ComponentStatus, Set<ComponentStatus>> transitions() {
    Map<ComponentStatus, Set<ComponentStatus>> t = new EnumMap<>(ComponentStatus.class);
    t.put(ComponentStatus.NONE, EnumSet.of(ComponentStatus.STARTING));
    t.put(ComponentStatus.STARTING, EnumSet.of(ComponentStatus.OK,
        ComponentStatus.RECOVERABLE_ERROR, ComponentStatus.PERMANENT_ERROR,
        ComponentStatus.FATAL_ERROR, ComponentStatus.STOPPING));
    t.put(ComponentStatus.OK, EnumSet.of(ComponentStatus.RECOVERABLE_ERROR,
        ComponentStatus.PERMANENT_ERROR, ComponentStatus.FATAL_ERROR, ComponentStatus.STOPPING));
    t.put(ComponentStatus.RECOVERABLE_ERROR, EnumSet.of(ComponentStatus.OK,
        ComponentStatus.PERMANENT_ERROR, ComponentStatus.FATAL_ERROR, ComponentStatus.STOPPING));
    t.put(ComponentStatus.PERMANENT_ERROR, EnumSet.of(ComponentStatus.STOPPING));
    t.put(ComponentStatus.FATAL_ERROR, EnumSet.noneOf(ComponentStatus.class));
    t.put(ComponentStatus.STOPPING, EnumSet.of(ComponentStatus.RECOVERABLE_ERROR,
        ComponentStatus.PERMANENT_ERROR, ComponentStatus.FATAL_ERROR, ComponentStatus.STOPPED));
    t.put(ComponentStatus.STOPPED, EnumSet.noneOf(ComponentStatus.class));
    return t;
  }
}
