package io.sluice.pipeline;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The component types this build knows, found by kind and type name. */
public final class Factories {
  private final Map<ComponentKind, Map<String, ComponentFactory<?>>> byKind =
      new EnumMap<>(ComponentKind.class);

  private Factories(List<ComponentFactory<?>> factories) {
    for (ComponentKind kind : ComponentKind.values()) {
      byKind.put(kind, new TreeMap<>());
    }
    for (ComponentFactory<?> f : factories) {
      ComponentFactory<?> previous = byKind.get(f.kind()).put(f.type(), f);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two " + f.kind().label() + " factories for type \"" + f.type() + "\"");
      }
    }
  }

  /** Returns the registry of the given factories; a duplicate kind and type is an error. */
  public static Factories of(List<ComponentFactory<?>> factories) {
    return new Factories(factories);
  }

  /** Returns the factory for {@code type} in the {@code kind} section. */
  public Optional<ComponentFactory<?>> find(ComponentKind kind, String type) {
    return Optional.ofNullable(byKind.get(kind).get(type));
  }

  /** Returns the known type names of one kind, sorted. */
  public List<String> types(ComponentKind kind) {
    return List.copyOf(byKind.get(kind).keySet());
  }
}
