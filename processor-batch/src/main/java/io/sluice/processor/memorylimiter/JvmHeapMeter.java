package io.sluice.processor.memorylimiter;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Reads the heap from the JVM's memory pools: what the heap held after the last collection plus
 * what survived into the older pools since.
 *
 * <p>The eden pool (G1, Parallel, Serial) counts with its usage after the last collection, which
 * is near zero: what sits in eden between collections is mostly garbage, and what is live moves
 * to a survivor or old pool at the next young collection, where it is counted. Every other heap
 * pool counts with its current usage, because G1 does not update the old generation's
 * after-collection figure on young collections (measured: it stays 0 while the pool grows).
 * The old generation may still hold garbage; as in the collector, the limiter forces a GC when
 * the figure crosses a limit and decides on the figure read after it.
 */
final class JvmHeapMeter implements HeapMeter {
  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans()
      .stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP)
      .toList();

  @Override
  public long usedBytes() {
    long used = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      used += used(pool);
    }
    return used;
  }

  @Override
  public long maxBytes() {
    long max = Runtime.getRuntime().maxMemory();
    return max == Long.MAX_VALUE ? -1 : max;
  }

  // -XX:+DisableExplicitGC turns this into a no-op; the limiter then waits for the JVM's own GC.
  @Override
  public void forceGc() {
    System.gc();
  }

  private static long used(MemoryPoolMXBean pool) {
    if (!pool.isValid()) {
      return 0;
    }
    MemoryUsage usage = pool.getName().contains("Eden")
        ? pool.getCollectionUsage()
        : pool.getUsage();
    return usage == null ? 0 : usage.getUsed();
  }
}
