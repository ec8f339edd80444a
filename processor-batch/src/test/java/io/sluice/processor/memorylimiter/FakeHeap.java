package io.sluice.processor.memorylimiter;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A heap whose usage a test sets, and whose forced GC brings usage to a chosen value. */
final class FakeHeap implements HeapMeter {
  static final long MIB = 1024L * 1024L;

  private final long maxBytes;
  private final AtomicLong usedBytes = new AtomicLong();
  private final AtomicLong afterGcBytes = new AtomicLong(-1);
  private final AtomicInteger gcCount = new AtomicInteger();

  FakeHeap(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Sets the usage in MiB; a later GC leaves it as it is unless {@link #gcFreesTo} says. */
  FakeHeap usedMib(long mib) {
    usedBytes.set(mib * MIB);
    afterGcBytes.set(-1);
    return this;
  }

  /** Makes the next forced GCs bring usage down to {@code mib}. */
  FakeHeap gcFreesTo(long mib) {
    afterGcBytes.set(mib * MIB);
    return this;
  }

  int gcCount() {
    return gcCount.get();
  }

  @Override
  public long usedBytes() {
    return usedBytes.get();
  }

  @Override
  public long maxBytes() {
    return maxBytes;
  }

  @Override
  public void forceGc() {
    gcCount.incrementAndGet();
    long after = afterGcBytes.get();
    if (after >= 0) {
      usedBytes.set(after);
    }
  }
}
