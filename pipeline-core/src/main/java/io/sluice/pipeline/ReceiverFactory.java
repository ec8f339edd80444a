package io.sluice.pipeline;

/** Makes receivers of one type. */
public interface ReceiverFactory<C> extends ComponentFactory<C> {
  @Override
  default ComponentKind kind() {
    return ComponentKind.RECEIVER;
  }

  /** Returns a traces receiver that pushes what it takes to {@code next}. */
  Receiver createTraces(CreateSettings settings, C config, TracesConsumer next);
}
