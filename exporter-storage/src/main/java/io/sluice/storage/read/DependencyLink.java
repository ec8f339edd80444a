package io.sluice.storage.read;

import static java.util.Objects.requireNonNull;

/**
 * A call edge between two services, as the Jaeger dependencies documents store it.
 *
 * @param parent the calling service
 * @param child the called service
 * @param callCount how many calls were seen
 */
public record DependencyLink(String parent, String child, long callCount) {
  /** Checks that no component is null. */
  public DependencyLink {
    requireNonNull(parent, "parent");
    requireNonNull(child, "child");
  }
}
