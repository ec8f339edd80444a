package io.sluice.pipeline.status;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.PipelineId;
import java.util.Set;

/**
 * One running component instance, as status reports name it.
 *
 * @param kind the config section of the component
 * @param id the component's id
 * @param pipelines the pipelines this instance serves: one for a processor, every pipeline that
 *     lists it for a shared receiver or exporter, none for an extension
 */
public record InstanceKey(ComponentKind kind, ComponentId id, Set<PipelineId> pipelines) {
  /** Checks the parts and copies the set. */
  public InstanceKey {
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    pipelines = Set.copyOf(pipelines);
  }

  /** Returns the key of the instance in a verbose status, e.g. {@code receiver:otlp}. */
  public String componentKey() {
    return kind.label() + ":" + id;
  }
}
