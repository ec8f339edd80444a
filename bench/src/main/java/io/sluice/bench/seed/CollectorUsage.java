package io.sluice.bench.seed;

/**
 * What a collector process cost during one run, read from {@code /proc}.
 *
 * @param startupCpuSeconds user + system CPU from the process's start until it was ready
 * @param loadCpuSeconds user + system CPU from ready until the end of the run
 * @param peakRssKib the peak resident set size ({@code VmHWM}), in KiB
 */
record CollectorUsage(double startupCpuSeconds, double loadCpuSeconds, long peakRssKib) {}
