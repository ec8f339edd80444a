package io.sluice.pipeline;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.telemetry.Telemetry;
import io.vertx.core.Vertx;

/**
 * What every component gets when it is made.
 *
 * @param id the component's id in the config
 * @param kind which section the component is in
 * @param vertx the shared Vert.x instance; its event loops must never block
 * @param telemetry the metrics registry and level
 */
public record CreateSettings(ComponentId id, ComponentKind kind, Vertx vertx, Telemetry telemetry) {
  /** Checks the parts. */
  public CreateSettings {
    requireNonNull(id, "id");
    requireNonNull(kind, "kind");
    requireNonNull(vertx, "vertx");
    requireNonNull(telemetry, "telemetry");
  }
}
