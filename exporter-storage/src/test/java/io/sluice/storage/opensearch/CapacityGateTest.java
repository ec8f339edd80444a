package io.sluice.storage.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.ConsumerException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityGateTest {
  private final List<String> admitted = new ArrayList<>();

  private Future<Void> acquire(CapacityGate gate, long units, String name) {
    return gate.acquire(units, () -> admitted.add(name));
  }

  @Test
  void batchesThatFitAreAdmittedAtOnce() {
    CapacityGate gate = new CapacityGate(100, true);

    assertThat(acquire(gate, 60, "a").succeeded()).isTrue();
    assertThat(acquire(gate, 40, "b").succeeded()).isTrue();
    assertThat(gate.used()).isEqualTo(100);
    assertThat(admitted).containsExactly("a", "b");
  }

  @Test
  void fullQueueMakesCallersWaitUntilRoomFrees() {
    CapacityGate gate = new CapacityGate(100, true);
    acquire(gate, 80, "a");

    Future<Void> waiting = acquire(gate, 30, "b");

    assertThat(waiting.isComplete()).isFalse();
    assertThat(gate.waiting()).isEqualTo(1);
    gate.release(10);
    assertThat(waiting.isComplete()).isTrue();
    assertThat(gate.used()).isEqualTo(100);
    assertThat(admitted).containsExactly("a", "b");
  }

  @Test
  void waitersAreAdmittedFirstComeFirstServed() {
    CapacityGate gate = new CapacityGate(100, true);
    acquire(gate, 100, "a");
    Future<Void> big = acquire(gate, 50, "big");
    Future<Void> small = acquire(gate, 10, "small");

    gate.release(20);

    assertThat(big.isComplete()).isFalse();
    assertThat(small.isComplete()).as("a later small batch does not overtake").isFalse();
    gate.release(40);
    assertThat(big.isComplete()).isTrue();
    assertThat(small.isComplete()).isTrue();
    assertThat(admitted).containsExactly("a", "big", "small");
  }

  @Test
  void oversizedBatchIsAdmittedWhenTheQueueIsEmpty() {
    CapacityGate gate = new CapacityGate(100, true);

    assertThat(acquire(gate, 250, "huge").succeeded()).isTrue();
    Future<Void> next = acquire(gate, 1, "next");

    assertThat(next.isComplete()).isFalse();
    gate.release(250);
    assertThat(next.succeeded()).isTrue();
  }

  @Test
  void oversizedBatchWaitsForTheQueueToEmpty() {
    CapacityGate gate = new CapacityGate(100, true);
    acquire(gate, 10, "a");

    Future<Void> huge = acquire(gate, 250, "huge");
    assertThat(huge.isComplete()).isFalse();

    gate.release(10);
    assertThat(huge.succeeded()).isTrue();
    assertThat(gate.used()).isEqualTo(250);
  }

  @Test
  void nonBlockingFullQueueRefusesWithRetryableError() {
    CapacityGate gate = new CapacityGate(100, false);
    acquire(gate, 90, "a");

    Future<Void> refused = acquire(gate, 20, "b");

    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause()).isInstanceOf(ConsumerException.class)
        .hasMessage("sending queue is full");
    ConsumerException e = (ConsumerException) refused.cause();
    assertThat(e.kind()).isEqualTo(ConsumerException.Kind.RETRYABLE);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
    assertThat(admitted).containsExactly("a");
    assertThat(gate.used()).isEqualTo(90);
  }

  @Test
  void closeRefusesWaitersAndLaterCallers() {
    CapacityGate gate = new CapacityGate(10, true);
    acquire(gate, 10, "a");
    Future<Void> waiting = acquire(gate, 5, "b");

    gate.close();

    assertThat(waiting.cause()).hasMessage("exporter is shutting down");
    assertThat(acquire(gate, 1, "c").cause()).hasMessage("exporter is shutting down");
    assertThat(admitted).containsExactly("a");
  }
}
