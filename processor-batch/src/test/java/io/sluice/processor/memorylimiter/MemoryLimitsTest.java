package io.sluice.processor.memorylimiter;

import static io.sluice.processor.memorylimiter.FakeHeap.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryLimitsTest {
  @Test
  void limitMibWithoutSpikeKeepsTwentyPercentHeadroom() {
    MemoryLimits limits = MemoryLimits.of(config(1000, 0, 0, 0), 4096 * MIB);

    assertThat(limits.hardBytes()).isEqualTo(1000 * MIB);
    assertThat(limits.spikeBytes()).isEqualTo(200 * MIB);
    assertThat(limits.softBytes()).isEqualTo(800 * MIB);
  }

  @Test
  void limitMibWinsOverPercentage() {
    MemoryLimits limits = MemoryLimits.of(config(100, 30, 50, 10), 4096 * MIB);

    assertThat(limits.hardBytes()).isEqualTo(100 * MIB);
    assertThat(limits.softBytes()).isEqualTo(70 * MIB);
  }

  @Test
  void percentagesAreOfTheMaximumHeap() {
    MemoryLimits limits = MemoryLimits.of(config(0, 0, 80, 25), 1000 * MIB);

    assertThat(limits.hardBytes()).isEqualTo(800 * MIB);
    assertThat(limits.spikeBytes()).isEqualTo(250 * MIB);
    assertThat(limits.softBytes()).isEqualTo(550 * MIB);
  }

  @Test
  void percentageWithoutSpikeKeepsTwentyPercentOfTheLimit() {
    MemoryLimits limits = MemoryLimits.of(config(0, 0, 50, 0), 1000 * MIB);

    assertThat(limits.hardBytes()).isEqualTo(500 * MIB);
    assertThat(limits.spikeBytes()).isEqualTo(100 * MIB);
  }

  @Test
  void percentageNeedsAMaximumHeap() {
    assertThatThrownBy(() -> MemoryLimits.of(config(0, 0, 50, 0), -1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("limit_percentage 50 needs a maximum heap size, and this JVM reports none: "
            + "set -Xmx or use limit_mib");
  }

  static MemoryLimiterConfig config(long limitMib, long spikeMib, long limitPct, long spikePct) {
    return new MemoryLimiterConfig(Duration.ofSeconds(1), limitMib, spikeMib, limitPct, spikePct,
        Duration.ofSeconds(10), Duration.ZERO);
  }
}
