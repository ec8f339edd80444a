/**
 * Loading a Jaeger v2 / Collector YAML config: {@link io.sluice.config.ConfigLoader} reads and
 * merges the {@code --config} sources and {@code --set} flags and expands {@code ${...}}
 * references; {@link io.sluice.config.ServiceConfigDecoder} decodes the result with the
 * component factories and validates it. Every error names the file, the line and the key path.
 */
package io.sluice.config;
