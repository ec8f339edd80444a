package io.sluice.pipeline;

/** Makes processors of one type; each pipeline gets its own instance. */
public interface ProcessorFactory<C> extends ComponentFactory<C> {
  @Override
  default ComponentKind kind() {
    return ComponentKind.PROCESSOR;
  }

  /** Returns a traces processor that passes its output to {@code next}. */
  Processor createTraces(CreateSettings settings, C config, TracesConsumer next);
}
