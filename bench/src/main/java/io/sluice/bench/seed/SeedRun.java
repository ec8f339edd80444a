package io.sluice.bench.seed;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One line of the seed table: start the collector on fresh ports, wait until it is ready, run
 * the load generator against it, wait until storage holds its final count, read the collector's
 * cost and metrics, stop it and clear storage.
 *
 * @param name the run's name, for its files: e.g. {@code sluice-opensearch-2}
 * @param collector the collector's name in the table
 * @param collectorCommand the command that starts it, before {@code --config}
 * @param config the config file it gets
 * @param store where its spans are counted
 * @param openSearchUrl the OpenSearch the config points at ({@code ES_SERVER_URLS}), or ""
 * @param clientCommand the load generator's command, without {@code --endpoint}
 * @param clientLabel the load generator in the table
 * @param ports a fresh set of ports per call
 * @param http the loopback HTTP client
 * @param out the directory for the logs
 * @param settle how long an unchanged count with empty queues means "final"
 * @param maxWait the longest wait for storage, from the client's start
 */
record SeedRun(
    String name,
    String collector,
    List<String> collectorCommand,
    Path config,
    SpanStore store,
    String openSearchUrl,
    List<String> clientCommand,
    String clientLabel,
    Supplier<Ports> ports,
    Loopback http,
    Path out,
    Duration settle,
    Duration maxWait) {

  private static final Duration READY_LIMIT = Duration.ofSeconds(120);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final String QUEUE_SIZE = "otelcol_exporter_queue_size";

  /** Runs it, printing progress to {@code console}, and returns the row. */
  SeedRow run(PrintWriter console) throws IOException, InterruptedException {
    store.clear();
    try (CollectorProcess process = CollectorProcess.start(collector, collectorCommand, config,
        ports.get(), SeedTable.storageEnvironment(openSearchUrl), out.resolve(name + ".log"),
        http)) {
      process.awaitReady(READY_LIMIT);
      say(console, "%s: ready (pid %d, OTLP on %s); load: %s", name, process.pid(),
          process.ports().otlpEndpoint(), String.join(" ", clientCommand));
      SeedRow row = load(process, console);
      say(console, "%s: %,d of %,d spans stored after %.3f s", name, row.savedSpans(),
          row.totalSpans(), row.durationSeconds());
      return row;
    } finally {
      store.clear();
    }
  }

  private SeedRow load(CollectorProcess process, PrintWriter console)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(clientCommand);
    command.addAll(List.of("--endpoint", process.ports().otlpEndpoint()));
    long startNanos = System.nanoTime();
    Process client = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(client));
    StoreWatch watch = new StoreWatch(startNanos, settle, maxWait);
    Timeline timeline = new Timeline(startNanos);
    ClientSummary summary = null;
    boolean done = false;
    while (!done) {
      TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
      if (summary == null && !client.isAlive()) {
        summary = summary(client, stdout.join());
        watch.expect(summary.exported());
        timeline.note(System.nanoTime(), "client done: " + summary);
        say(console, "%s: client done: %s", name, summary);
      }
      long stored = store.storedSpans(process);
      if (stored >= 0) {
        timeline.stored(System.nanoTime(), stored);
        done = watch.observe(System.nanoTime(), stored, summary != null && queuesEmpty(process));
      } else {
        done = watch.expired(System.nanoTime());
      }
    }
    Files.writeString(out.resolve(name + "-timeline.txt"), timeline.text(), UTF_8);
    if (summary == null) {
      client.destroyForcibly().waitFor();
      throw new IllegalStateException("the load generator did not finish within " + maxWait);
    }
    long stored = store.finalStoredSpans(process);
    if (stored < 0) {
      throw new IllegalStateException(name + ": could not count the stored spans at the end");
    }
    watch.observe(System.nanoTime(), stored, true);
    return SeedRow.of(collector, store.name(), clientLabel, summary, watch.stored(),
        watch.untilLastChange().toNanos() / 1e9, process.usage(), watch.settled(),
        PrometheusText.spanLines(process.metrics()));
  }

  /** The stored count's changes and the client's end, in seconds from the client's start. */
  private static final class Timeline {
    private final long startNanos;
    private final StringBuilder text = new StringBuilder();
    private long last = -1;

    Timeline(long startNanos) {
      this.startNanos = startNanos;
    }

    void stored(long nowNanos, long stored) {
      if (stored != last) {
        note(nowNanos, "stored " + stored);
        last = stored;
      }
    }

    void note(long nowNanos, String what) {
      text.append(String.format(Locale.ROOT, "%8.3f s  %s%n", (nowNanos - startNanos) / 1e9,
          what));
    }

    String text() {
      return text.toString();
    }
  }

  private static boolean queuesEmpty(CollectorProcess process) {
    return PrometheusText.sum(process.metrics(), QUEUE_SIZE) <= 0;
  }

  private static ClientSummary summary(Process client, String stdout) {
    if (client.exitValue() != 0) {
      throw new IllegalStateException("the load generator exited with status "
          + client.exitValue() + "; its output:\n" + stdout);
    }
    return ClientSummary.parse(stdout);
  }

  private static String read(Process process) {
    try {
      return new String(process.getInputStream().readAllBytes(), UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static void say(PrintWriter console, String format, Object... args) {
    console.println("seed-table: " + String.format(Locale.ROOT, format, args));
    console.flush();
  }
}
