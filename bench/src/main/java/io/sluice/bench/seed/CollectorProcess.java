package io.sluice.bench.seed;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One collector (Sluice's {@code collector.jar} or Jaeger's {@code jaeger} binary) running as a
 * child process with a config file and its ports moved by {@code --set}; its output goes to a log
 * file. Reads its CPU time and peak RSS from {@code /proc} and its metrics over HTTP.
 */
final class CollectorProcess implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

  private final String name;
  private final Process process;
  private final Ports ports;
  private final Path log;
  private final Loopback http;
  private double cpuAtReadySeconds = -1;

  private CollectorProcess(String name, Process process, Ports ports, Path log, Loopback http) {
    this.name = name;
    this.process = process;
    this.ports = ports;
    this.log = log;
    this.http = http;
  }

  /**
   * Starts {@code command} followed by {@code --config <config>} and the ports' {@code --set}
   * arguments, with {@code environment} added to this process's.
   */
  static CollectorProcess start(String name, List<String> command, Path config, Ports ports,
      Map<String, String> environment, Path log, Loopback http) throws IOException {
    List<String> line = new ArrayList<>(command);
    line.add("--config");
    line.add(config.toString());
    line.addAll(ports.setArguments());
    Files.writeString(log, String.join(" ", line) + "\n");
    ProcessBuilder builder = new ProcessBuilder(line)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    return new CollectorProcess(name, builder.start(), ports, log, http);
  }

  /**
   * Waits until {@code GET /status} of the health extension answers 200, then notes the CPU
   * spent so far as start-up.
   *
   * @throws IllegalStateException if the process exits first or {@code limit} passes, with the
   *     end of its log
   */
  void awaitReady(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    String url = "http://127.0.0.1:" + ports.health() + "/status";
    while (http.get(url).status() != 200) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with status " + process.exitValue()
            + " before it was ready; its log " + log + " ends with:\n" + logTail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " was not ready after " + limit.toSeconds()
            + " s (" + url + "); its log " + log + " ends with:\n" + logTail());
      }
      TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
    }
    cpuAtReadySeconds = cpuSeconds();
  }

  /** Returns the collector's Prometheus metrics text, or "" if it did not answer. */
  String metrics() {
    Loopback.Answer answer = http.get("http://127.0.0.1:" + ports.metrics() + "/metrics");
    return answer.ok() ? answer.body() : "";
  }

  /** Returns what the process cost so far: start-up CPU, CPU since ready and peak RSS. */
  CollectorUsage usage() {
    double now = cpuSeconds();
    return new CollectorUsage(cpuAtReadySeconds, now - cpuAtReadySeconds, peakRssKib());
  }

  /** Returns the ports the collector listens on. */
  Ports ports() {
    return ports;
  }

  /** Returns the process id. */
  long pid() {
    return process.pid();
  }

  /** Asks the collector to stop (SIGTERM) and waits for it; kills it after 90 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Returns the exit status once {@link #close()} returned. */
  int exitValue() {
    return process.exitValue();
  }

  private double cpuSeconds() {
    return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElseThrow(
        () -> new IllegalStateException("no CPU time for pid " + process.pid()));
  }

  private long peakRssKib() {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    try {
      return Files.readAllLines(status).stream()
          .filter(line -> line.startsWith("VmHWM:"))
          .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
          .findFirst()
          .orElse(-1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + status, e);
    }
  }

  private String logTail() {
    try {
      List<String> lines = new String(Files.readAllBytes(log), UTF_8).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
