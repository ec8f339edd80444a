package io.sluice.pipeline;

/** Makes extensions of one type. */
public interface ExtensionFactory<C> extends ComponentFactory<C> {
  @Override
  default ComponentKind kind() {
    return ComponentKind.EXTENSION;
  }

  /** Returns the extension. */
  Extension create(CreateSettings settings, C config);
}
