package io.sluice.pipeline.service;

import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.Extension;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders extensions so that each starts after the extensions whose types it depends on; among
 * independent extensions the written order of {@code service.extensions} is kept.
 */
final class ExtensionOrder {
  private ExtensionOrder() {}

  /** Returns the ids in start order; throws when the dependencies form a cycle. */
  static List<ComponentId> sort(Map<ComponentId, Extension> extensions) {
    List<ComponentId> order = new ArrayList<>();
    Set<ComponentId> remaining = new LinkedHashSet<>(extensions.keySet());
    while (!remaining.isEmpty()) {
      ComponentId next = firstReady(remaining, extensions);
      if (next == null) {
        throw new IllegalStateException(
            "service::extensions: the dependencies of " + remaining + " form a cycle");
      }
      order.add(next);
      remaining.remove(next);
    }
    return order;
  }

  private static ComponentId firstReady(
      Set<ComponentId> remaining, Map<ComponentId, Extension> extensions) {
    for (ComponentId candidate : remaining) {
      boolean ready = extensions.get(candidate).dependencies().stream()
          .noneMatch(type -> remaining.stream()
              .anyMatch(other -> !other.equals(candidate) && other.type().equals(type)));
      if (ready) {
        return candidate;
      }
    }
    return null;
  }
}
