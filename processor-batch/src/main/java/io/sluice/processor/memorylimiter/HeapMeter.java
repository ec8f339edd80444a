package io.sluice.processor.memorylimiter;

/**
 * Where the memory limiter reads the heap: the bytes in use, the heap's maximum, and a way to
 * force a collection.
 *
 * <p>Production uses {@link #jvm()}; tests inject their own numbers.
 */
public interface HeapMeter {
  /**
   * Returns the heap bytes in use as of the last garbage collection: live data plus what was
   * promoted since, without the garbage a young generation holds between collections.
   */
  long usedBytes();

  /** Returns the maximum heap ({@code -Xmx}) in bytes, or -1 when the JVM defines none. */
  long maxBytes();

  /** Asks for a full garbage collection; returns when the JVM says it is done. */
  void forceGc();

  /** Returns the meter over this JVM's heap memory pools. */
  static HeapMeter jvm() {
    return new JvmHeapMeter();
  }
}
