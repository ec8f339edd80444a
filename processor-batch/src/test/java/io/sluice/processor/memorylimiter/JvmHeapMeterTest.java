package io.sluice.processor.memorylimiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmHeapMeterTest {
  private final HeapMeter heap = HeapMeter.jvm();

  @Test
  void maximumIsTheJvmsMaxHeap() {
    assertThat(heap.maxBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
  }

  @Test
  void countsLiveDataAfterAForcedGc() {
    heap.forceGc();
    long before = heap.usedBytes();
    List<byte[]> live = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      live.add(new byte[1024 * 1024]);
    }

    heap.forceGc();
    long after = heap.usedBytes();

    assertThat(live).hasSize(32);
    assertThat(after - before).isBetween(30L * 1024 * 1024, 40L * 1024 * 1024);
  }
}
