package io.sluice.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.pipeline.ComponentId;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-flight byte budget, its leases, the buffers that grow on them, and the OOM log. */
class InflightBytesTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InflightBytes budget = new InflightBytes(1000);
  private final InflightBytes.Transport http =
      budget.transport(registry, new ComponentId("otlp", ""), "http");

  @Test
  void leaseCannotTakeMoreThanTheBudgetLeaves() {
    InflightBytes.Lease first = http.lease();
    InflightBytes.Lease second = http.lease();

    assertThat(first.tryAcquire(600)).isTrue();
    assertThat(second.tryAcquire(500)).isFalse();
    assertThat(second.tryAcquire(400)).isTrue();
    assertThat(budget.usedBytes()).isEqualTo(1000);
    assertThat(registry.get("otelcol_receiver_inflight_bytes").gauge().value())
        .isEqualTo(1000.0);
  }

  @Test
  void releaseGivesBackOnceAndEndsTheLease() {
    InflightBytes.Lease lease = http.lease();
    lease.tryAcquire(700);

    lease.release();
    lease.release();

    assertThat(budget.usedBytes()).isZero();
    assertThat(http.usedBytes()).isZero();
    assertThat(lease.tryAcquire(1)).isFalse();
    assertThat(budget.usedBytes()).isZero();
  }

  @Test
  void leasedBytesTakeCapacityUpToTheDeclaredLength() throws Exception {
    InflightBytes.Lease lease = http.lease();
    LeasedBytes bytes = new LeasedBytes(lease, 900, 300);

    bytes.append(Buffer.buffer(new byte[100]));
    bytes.append(Buffer.buffer(new byte[200]));

    assertThat(lease.heldBytes()).isEqualTo(300);
    assertThat(bytes.toByteArray()).hasSize(300);
  }

  @Test
  void leasedBytesFailOverTheLimitAndOverTheBudget() throws Exception {
    InflightBytes.Lease hog = http.lease();
    hog.tryAcquire(950);
    LeasedBytes overLimit = new LeasedBytes(http.lease(), 10, -1);
    LeasedBytes overBudget = new LeasedBytes(http.lease(), 900, 100);

    assertThatThrownBy(() -> overLimit.append(new byte[11], 0, 11))
        .isInstanceOf(BodyTooLargeException.class);
    assertThatThrownBy(() -> overBudget.append(new byte[60], 0, 60))
        .isInstanceOf(InflightBytesExhaustedException.class)
        .hasMessage("receiver is holding its budget of in-flight request bytes "
            + "(max_inflight_bytes 1000 bytes); retry later");
    assertThat(budget.usedBytes()).isEqualTo(950);
  }

  @Test
  void trimmingGivesBackTheSpareCapacity() throws Exception {
    InflightBytes.Lease lease = http.lease();
    LeasedBytes bytes = new LeasedBytes(lease, 900, -1);

    bytes.append(new byte[10], 0, 10);

    assertThat(lease.heldBytes()).isEqualTo(900);
    assertThat(bytes.toByteArray()).hasSize(10);
    assertThat(lease.heldBytes()).isEqualTo(10);
  }

  @Test
  void closingTheTransportRemovesItsGauges() {
    http.close();

    assertThat(registry.find("otelcol_receiver_inflight_bytes").gauge()).isNull();
    assertThat(registry.find("otelcol_receiver_inflight_capacity_bytes").gauge()).isNull();
  }

  @Test
  void outOfMemoryAndSpentBudgetAreRetryable503AndBadInputIs400() {
    ExportStatus outOfMemory = ExportStatus.fromReadError(new OutOfMemoryError("Java heap space"));
    ExportStatus spent = ExportStatus.fromReadError(new InflightBytesExhaustedException(1000));
    ExportStatus bad = ExportStatus.fromReadError(new java.io.IOException("bad varint"));

    assertThat(outOfMemory).isEqualTo(new ExportStatus(14,
        "receiver ran out of heap memory while reading the request; retry later",
        Duration.ofSeconds(1)));
    assertThat(outOfMemory.httpStatus()).isEqualTo(503);
    assertThat(outOfMemory.retryAfterSeconds()).hasValue("1");
    assertThat(spent.httpStatus()).isEqualTo(503);
    assertThat(spent.retryAfterSeconds()).hasValue("1");
    assertThat(bad).isEqualTo(ExportStatus.invalidArgument("bad varint"));
  }
}
