package io.sluice.storage.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.storage.MemoryStorage;
import io.sluice.storage.config.MemoryConfig;
import io.sluice.storage.model.JaegerSpan;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader contract on the memory backend, which keeps nanoseconds, sorts services by name,
 * knows each operation's span kind, derives dependency links from the spans and compares tag
 * values as exact text on span and process tags only.
 */
class MemoryTraceReaderTest extends TraceReaderContract {
  private MemoryStorage storage;

  @Override
  protected void open() {
    storage = new MemoryStorage(new MemoryConfig(1000));
  }

  @Override
  protected TraceReader reader() {
    return storage.reader();
  }

  @Override
  protected void store(List<JaegerSpan> spans) {
    storage.store().write(spans);
  }

  @Override
  protected void recordDependencies(Instant at, List<DependencyLink> links) {
    // The memory backend derives the links from the stored spans' parents.
  }

  @Override
  protected JaegerSpan stored(JaegerSpan written) {
    return written;
  }

  @Override
  protected List<String> expectedServices() {
    return List.of("backend", "batch", "edge", "frontend", "oteltrace");
  }

  @Override
  protected List<Operation> expectedWorkedOperations(List<Operation> withKinds) {
    return withKinds;
  }

  @Test
  void operationsFilterBySpanKind() {
    assertThat(get(reader().operations("oteltrace", "client")))
        .containsExactly(new Operation("GET", "client"), new Operation("SELECT users", "client"));
  }

  @Test
  void tagValuesAreExactTextNotPatterns() {
    assertThat(find(query("frontend").tag("http.response.status_code", "5.*"))).isEmpty();
  }

  @Test
  void logFieldsAreNotSearched() {
    assertThat(find(query("frontend").tag("event", "retry"))).isEmpty();
  }

  @Test
  void timesKeepTheirNanoseconds() {
    long serverStart = workedExample().get(0).startTimeNanos();

    assertThat(serverStart % 1000).isEqualTo(789);
    assertThat(get(reader().trace(WORKED))).extracting(JaegerSpan::startTimeNanos)
        .contains(serverStart);
  }
}
