package io.sluice.pipeline;

/** Makes exporters of one type; one instance is shared by every pipeline that lists it. */
public interface ExporterFactory<C> extends ComponentFactory<C> {
  @Override
  default ComponentKind kind() {
    return ComponentKind.EXPORTER;
  }

  /** Returns a traces exporter. */
  Exporter createTraces(CreateSettings settings, C config);
}
