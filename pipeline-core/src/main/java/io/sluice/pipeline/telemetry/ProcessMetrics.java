package io.sluice.pipeline.telemetry;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's process metrics (spec/collector-runtime.md §5.4) with the JVM's nearest
 * equivalents of the Go runtime figures.
 *
 * <ul>
 *   <li>{@code otelcol_process_uptime}: seconds since the JVM started.
 *   <li>{@code otelcol_process_cpu_seconds}: user and system CPU time of the process.
 *   <li>{@code otelcol_process_memory_rss}: {@code VmRSS} of {@code /proc/self/status}; not
 *       registered where that file does not exist (not Linux).
 *   <li>{@code otelcol_process_runtime_heap_alloc_bytes}: heap in use (Go's {@code HeapAlloc}).
 *   <li>{@code otelcol_process_runtime_total_alloc_bytes}: bytes allocated on the heap by all
 *       threads since start, from {@code com.sun.management.ThreadMXBean}; an approximation that
 *       the JVM keeps per thread (Go's {@code TotalAlloc}); not registered when the JVM does not
 *       measure thread allocation.
 *   <li>{@code otelcol_process_runtime_total_sys_memory_bytes}: committed heap plus committed
 *       non-heap memory (Go's {@code Sys}, memory obtained from the OS); thread stacks and
 *       direct buffers are not included.
 * </ul>
 *
 * <p>The instance must stay reachable while the registry is scraped: Micrometer holds it weakly.
 */
final class ProcessMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessMetrics.class);
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final double NANOS_PER_SECOND = 1e9;
  private static final double MILLIS_PER_SECOND = 1e3;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();

  private ProcessMetrics() {}

  /** Registers the process metrics in {@code registry}; returns the holder to keep reachable. */
  static ProcessMetrics register(MeterRegistry registry) {
    ProcessMetrics m = new ProcessMetrics();
    m.registerAll(registry);
    return m;
  }

  private void registerAll(MeterRegistry registry) {
    FunctionCounter.builder("otelcol_process_uptime", this, ProcessMetrics::uptimeSeconds)
        .description("Uptime of the process [alpha]")
        .register(registry);
    if (cpuNanos() >= 0) {
      FunctionCounter.builder("otelcol_process_cpu_seconds", this, ProcessMetrics::cpuSeconds)
          .description("Total CPU user and system time in seconds [alpha]")
          .register(registry);
    }
    if (rssBytes().isPresent()) {
      Gauge.builder("otelcol_process_memory_rss", this, m -> m.rssBytes().orElse(0))
          .description("Total physical memory (resident set size) [alpha]")
          .register(registry);
    } else {
      LOG.info("Process metrics: {} is not readable, otelcol_process_memory_rss is left out",
          STATUS);
    }
    registerRuntime(registry);
  }

  private void registerRuntime(MeterRegistry registry) {
    Gauge.builder("otelcol_process_runtime_heap_alloc_bytes", this, ProcessMetrics::heapUsed)
        .description("Bytes of allocated heap objects (see 'go doc runtime.MemStats.HeapAlloc')"
            + " [alpha]")
        .register(registry);
    if (totalAllocated() >= 0) {
      FunctionCounter.builder(
              "otelcol_process_runtime_total_alloc_bytes", this, ProcessMetrics::totalAllocated)
          .description("Cumulative bytes allocated for heap objects (see 'go doc"
              + " runtime.MemStats.TotalAlloc') [alpha]")
          .register(registry);
    }
    Gauge.builder("otelcol_process_runtime_total_sys_memory_bytes", this, ProcessMetrics::committed)
        .description("Total bytes of memory obtained from the OS (see 'go doc"
            + " runtime.MemStats.Sys') [alpha]")
        .register(registry);
  }

  private double uptimeSeconds() {
    return (System.currentTimeMillis() - startMillis) / MILLIS_PER_SECOND;
  }

  private double cpuSeconds() {
    return cpuNanos() / NANOS_PER_SECOND;
  }

  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private double heapUsed() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  private double committed() {
    return memory.getHeapMemoryUsage().getCommitted()
        + memory.getNonHeapMemoryUsage().getCommitted();
  }

  private double totalAllocated() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
        && threads.isThreadAllocatedMemorySupported()
        && threads.isThreadAllocatedMemoryEnabled()) {
      return threads.getTotalThreadAllocatedBytes();
    }
    return -1;
  }

  /** Returns the resident set size from {@code VmRSS} (in kB in the file), if readable. */
  static OptionalLong rssBytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
          return OptionalLong.of(Long.parseLong(kb) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
