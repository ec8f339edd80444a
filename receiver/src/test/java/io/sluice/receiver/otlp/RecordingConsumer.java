package io.sluice.receiver.otlp;

import io.sluice.pipeline.Traces;
import io.sluice.pipeline.TracesConsumer;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A pipeline stand-in that keeps every batch it is given and answers as told. */
final class RecordingConsumer implements TracesConsumer {
  private final List<Traces> received = new CopyOnWriteArrayList<>();
  private volatile Supplier<Future<Void>> answer = Future::succeededFuture;

  @Override
  public Future<Void> consume(Traces traces) {
    received.add(traces);
    return answer.get();
  }

  /** Makes every later call answer with {@code next}. */
  void answerWith(Supplier<Future<Void>> next) {
    this.answer = next;
  }

  /** Makes every later call fail with {@code error}. */
  void failWith(Throwable error) {
    answerWith(() -> Future.failedFuture(error));
  }

  List<Traces> received() {
    return received;
  }
}
