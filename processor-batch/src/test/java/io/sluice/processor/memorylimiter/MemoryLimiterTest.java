package io.sluice.processor.memorylimiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryLimiterTest {
  // Hard limit 1000 MiB, spike 200 MiB: soft limit 800 MiB.
  private static final MemoryLimiterConfig CONFIG = MemoryLimitsTest.config(1000, 200, 0, 0);

  private final FakeHeap heap = new FakeHeap(4096 * FakeHeap.MIB);
  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final MemoryLimiter limiter =
      new MemoryLimiter("memory_limiter", CONFIG, heap, nanos::get);

  @Test
  void acceptsBelowTheSoftLimitWithoutForcingGc() {
    heap.usedMib(799);

    limiter.checkMemoryLimits();

    assertThat(limiter.mustRefuse()).isFalse();
    assertThat(heap.gcCount()).isZero();
  }

  @Test
  void refusesAtTheSoftLimitWhenGcDoesNotHelp() {
    heap.usedMib(800);

    limiter.checkMemoryLimits();

    assertThat(limiter.mustRefuse()).isTrue();
    assertThat(heap.gcCount()).isEqualTo(1);
  }

  @Test
  void keepsAcceptingWhenTheForcedGcBringsTheHeapBelowTheSoftLimit() {
    heap.usedMib(900).gcFreesTo(300);

    limiter.checkMemoryLimits();

    assertThat(limiter.mustRefuse()).isFalse();
    assertThat(heap.gcCount()).isEqualTo(1);
  }

  @Test
  void forcesGcAboveTheSoftLimitAtMostOncePerMinInterval() {
    heap.usedMib(850);
    limiter.checkMemoryLimits();
    nanos.addAndGet(Duration.ofSeconds(9).toNanos());
    limiter.checkMemoryLimits();

    assertThat(heap.gcCount()).isEqualTo(1);
    assertThat(limiter.mustRefuse()).isTrue();

    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    limiter.checkMemoryLimits();
    assertThat(heap.gcCount()).isEqualTo(2);
  }

  @Test
  void forcesGcOnEveryCheckAboveTheHardLimit() {
    heap.usedMib(1000);

    limiter.checkMemoryLimits();
    limiter.checkMemoryLimits();
    limiter.checkMemoryLimits();

    assertThat(heap.gcCount()).isEqualTo(3);
    assertThat(limiter.mustRefuse()).isTrue();
  }

  @Test
  void resumesAtTheFirstCheckBelowTheSoftLimit() {
    heap.usedMib(950);
    limiter.checkMemoryLimits();
    assertThat(limiter.mustRefuse()).isTrue();

    heap.usedMib(801);
    limiter.checkMemoryLimits();
    assertThat(limiter.mustRefuse()).isTrue();

    heap.usedMib(799);
    limiter.checkMemoryLimits();
    assertThat(limiter.mustRefuse()).isFalse();
    assertThat(heap.gcCount()).isEqualTo(1);
  }

  @Test
  void checksPeriodicallyOnceStartedAndAcceptsAfterStop() {
    MemoryLimiter periodic = new MemoryLimiter("memory_limiter",
        new MemoryLimiterConfig(Duration.ofMillis(10), 1000, 200, 0, 0, Duration.ofSeconds(10),
            Duration.ZERO), heap, System::nanoTime);
    heap.usedMib(900);
    periodic.start();
    try {
      await().atMost(Duration.ofSeconds(5)).until(periodic::mustRefuse);
      heap.usedMib(100);
      await().atMost(Duration.ofSeconds(5)).until(() -> !periodic.mustRefuse());
      heap.usedMib(900);
      await().atMost(Duration.ofSeconds(5)).until(periodic::mustRefuse);
    } finally {
      periodic.stop();
    }

    assertThat(periodic.mustRefuse()).isFalse();
  }
}
