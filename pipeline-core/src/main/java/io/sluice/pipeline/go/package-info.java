/**
 * Go's text forms that Jaeger's output carries, written once for every module: floats as
 * {@code strconv} and {@code encoding/json} print them ({@link io.sluice.pipeline.go.GoFloat}),
 * JSON strings as {@code encoding/json} escapes them ({@link io.sluice.pipeline.go.GoJson}), and
 * times and durations as the {@code time} package prints them
 * ({@link io.sluice.pipeline.go.GoTime}).
 */
package io.sluice.pipeline.go;
