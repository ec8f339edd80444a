package io.sluice.pipeline;

import java.util.Set;

/**
 * A component outside the pipelines: storage, health checks, the query API.
 *
 * <p>Extensions start before every pipeline component, in an order that honours
 * {@link #dependencies()}, and stop after them in reverse.
 */
public interface Extension extends Component {
  /** Returns the types of the extensions this one needs started first; none by default. */
  default Set<String> dependencies() {
    return Set.of();
  }
}
