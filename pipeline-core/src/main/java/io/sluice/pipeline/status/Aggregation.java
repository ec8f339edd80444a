package io.sluice.pipeline.status;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The collector's status aggregation (contrib {@code pkg/status}, spec §7): the status that
 * matters most bubbles up, lifecycle statuses before errors.
 */
final class Aggregation {
  private static final Set<ComponentStatus> ERRORS = EnumSet.of(
      ComponentStatus.RECOVERABLE_ERROR,
      ComponentStatus.PERMANENT_ERROR,
      ComponentStatus.FATAL_ERROR);

  private Aggregation() {}

  /** Returns whether {@code status} is one of the three error statuses. */
  static boolean isError(ComponentStatus status) {
    return ERRORS.contains(status);
  }

  /**
   * Returns the aggregate of non-empty {@code events}. An error aggregate is the earliest event
   * of that status (the start of the failure); any other is the latest event when it has that
   * status, else a synthetic event with the latest timestamp.
   */
  static StatusEvent aggregate(Collection<StatusEvent> events, ErrorPriority priority) {
    Set<ComponentStatus> seen = EnumSet.noneOf(ComponentStatus.class);
    events.forEach(e -> seen.add(e.status()));
    ComponentStatus status = status(seen, priority);
    StatusEvent latest = null;
    StatusEvent earliestMatch = null;
    for (StatusEvent e : events) {
      if (latest == null || latest.timestamp().isBefore(e.timestamp())) {
        latest = e;
      }
      if (e.status() == status
          && (earliestMatch == null || e.timestamp().isBefore(earliestMatch.timestamp()))) {
        earliestMatch = e;
      }
    }
    if (isError(status)) {
      return earliestMatch;
    }
    return latest.status() == status ? latest : new StatusEvent(status, null, latest.timestamp());
  }

  private static ComponentStatus status(Set<ComponentStatus> seen, ErrorPriority priority) {
    if (seen.size() == 1) {
      return seen.iterator().next();
    }
    if (seen.contains(ComponentStatus.FATAL_ERROR)) {
      return ComponentStatus.FATAL_ERROR;
    }
    if (seen.contains(ComponentStatus.STARTING)) {
      return ComponentStatus.STARTING;
    }
    if (seen.contains(ComponentStatus.STOPPING) || seen.contains(ComponentStatus.STOPPED)) {
      // Some stopped and some not yet: the whole is still stopping.
      return ComponentStatus.STOPPING;
    }
    ComponentStatus first = priority == ErrorPriority.PERMANENT
        ? ComponentStatus.PERMANENT_ERROR : ComponentStatus.RECOVERABLE_ERROR;
    ComponentStatus second = priority == ErrorPriority.PERMANENT
        ? ComponentStatus.RECOVERABLE_ERROR : ComponentStatus.PERMANENT_ERROR;
    if (seen.contains(first)) {
      return first;
    }
    return seen.contains(second) ? second : ComponentStatus.NONE;
  }
}
