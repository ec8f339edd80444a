package io.sluice.pipeline.status;

/** A component's health, with the strings healthcheckv2 prints (spec §7). */
public enum ComponentStatus {
  NONE("StatusNone"),
  STARTING("StatusStarting"),
  OK("StatusOK"),
  RECOVERABLE_ERROR("StatusRecoverableError"),
  PERMANENT_ERROR("StatusPermanentError"),
  FATAL_ERROR("StatusFatalError"),
  STOPPING("StatusStopping"),
  STOPPED("StatusStopped");

  private final String text;

  ComponentStatus(String text) {
    this.text = text;
  }

  /** Returns the collector's name for this status, e.g. {@code StatusOK}. */
  public String text() {
    return text;
  }
}
