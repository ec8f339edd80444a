package io.sluice.query;

import java.time.Duration;

/**
 * The {@code jaeger_query} extension's config (spec collector-runtime.md §9.4).
 *
 * @param tracesStorage {@code storage.traces}: the {@code jaeger_storage} backend to read; required
 * @param tracesArchiveStorage {@code storage.traces_archive}; empty when not set
 * @param httpEndpoint {@code http.endpoint}, default {@code :16686} (all interfaces)
 * @param grpcEndpoint {@code grpc.endpoint}, default {@code :16685}
 * @param basePath {@code base_path}, default empty (routes at {@code /}); {@code /} is read as
 *     empty
 * @param maxClockSkewAdjust {@code max_clock_skew_adjust}, default 0; accepted and not used, as
 *     in Jaeger v2.1.0, whose query service always limits clock-skew shifts to 1 s
 */
public record JaegerQueryConfig(
    String tracesStorage,
    String tracesArchiveStorage,
    String httpEndpoint,
    String grpcEndpoint,
    String basePath,
    Duration maxClockSkewAdjust) {}
