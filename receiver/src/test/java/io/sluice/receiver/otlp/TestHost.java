package io.sluice.receiver.otlp;

import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.status.StatusReporter;
import java.util.Map;

/** A host with no extensions whose status reports go nowhere. */
final class TestHost implements Host {
  @Override
  public Map<ComponentId, Extension> extensions() {
    return Map.of();
  }

  @Override
  public StatusReporter status() {
    return StatusReporter.NONE;
  }
}
