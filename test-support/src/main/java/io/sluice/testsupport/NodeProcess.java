package io.sluice.testsupport;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One running child JVM with a search-engine node in it, and the thread copying its output. */
final class NodeProcess {
  private static final int TAIL_LINES = 40;
  private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
  private static final Duration TERM_STOP = Duration.ofSeconds(10);
  private static final Duration HEALTH_POLL = Duration.ofMillis(200);

  private final NodeKind kind;
  private final Process process;
  private final int httpPort;
  private final Path logFile;
  private final CompletableFuture<String> httpAddress = new CompletableFuture<>();
  private final Thread pump;
  // Guarded by itself: written by the pump thread, read by whoever reports a failure.
  private final Deque<String> tail = new ArrayDeque<>();

  private NodeProcess(NodeKind kind, Process process, int httpPort, Path logFile) {
    this.kind = kind;
    this.process = process;
    this.httpPort = httpPort;
    this.logFile = logFile;
    this.pump = new Thread(this::pumpOutput, kind.dirName() + "-node-output-" + httpPort);
    this.pump.setDaemon(true);
  }

  /**
   * Spawns a {@code kind} node JVM on {@code httpPort} with {@code home} as its home and data
   * directory, appending its stdout and stderr to {@code logFile}, and waits until it is ready.
   */
  static NodeProcess start(
      NodeKind kind, Path home, int httpPort, Path logFile, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    NodeProcess node = spawn(kind, home, httpPort, logFile);
    try {
      node.awaitReady(deadline, timeout);
      return node;
    } catch (RuntimeException e) {
      node.kill();
      throw e;
    }
  }

  /** Returns whether the child JVM is still running. */
  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Stops the child: closes its stdin so the node closes itself, then SIGTERM, then SIGKILL,
   * each after a grace period. Returns once the process is gone and its output is flushed.
   */
  void stop() {
    closeStdin();
    if (!waitFor(GRACEFUL_STOP)) {
      process.destroy();
      if (!waitFor(TERM_STOP)) {
        process.destroyForcibly();
        waitFor(TERM_STOP);
      }
    }
    joinPump();
  }

  // A node that failed to start gets no grace period: SIGTERM, then SIGKILL.
  private void kill() {
    closeStdin();
    process.destroy();
    if (!waitFor(TERM_STOP)) {
      process.destroyForcibly();
      waitFor(TERM_STOP);
    }
    joinPump();
  }

  private static NodeProcess spawn(NodeKind kind, Path home, int httpPort, Path logFile) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(kind.jvmOptions());
    command.add("-Djava.io.tmpdir=" + home.resolve("tmp"));
    command.add("-cp");
    command.add(kind.classpath().get());
    command.add(kind.mainClass());
    command.add(home.toString());
    command.add(Integer.toString(httpPort));
    try {
      Files.createDirectories(home.resolve("tmp"));
      Files.createDirectories(logFile.getParent());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      NodeProcess node = new NodeProcess(kind, process, httpPort, logFile);
      node.pump.start();
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not spawn " + kind.engine() + " node JVM: " + command.get(0), e);
    }
  }

  private void awaitReady(Instant deadline, Duration timeout) {
    try {
      httpAddress.get(remaining(deadline).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw failure("no " + kind.readyMarker() + " line within " + timeout.toSeconds() + "s");
    } catch (ExecutionException e) {
      waitFor(TERM_STOP);
      throw failure(process.isAlive()
          ? e.getCause().getMessage()
          : "the node JVM exited with status " + process.exitValue());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while waiting for the node");
    }
    awaitYellow(deadline, timeout);
  }

  private void awaitYellow(Instant deadline, Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String lastAnswer = "no answer";
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw failure("the node JVM exited with status " + process.exitValue());
      }
      long waitSeconds = Math.max(1, remaining(deadline).toSeconds());
      URI uri = URI.create("http://127.0.0.1:" + httpPort
          + "/_cluster/health?wait_for_status=yellow&timeout=" + waitSeconds + "s");
      try {
        HttpResponse<String> response = client.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(waitSeconds + 5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        lastAnswer = "HTTP " + response.statusCode() + " " + response.body();
      } catch (IOException e) {
        lastAnswer = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure("interrupted while waiting for cluster health");
      }
      pause(HEALTH_POLL);
    }
    throw failure("cluster health not yellow within " + timeout.toSeconds() + "s: " + lastAnswer);
  }

  private void pumpOutput() {
    try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      String line;
      while ((line = reader.readLine()) != null) {
        log.write(line);
        log.newLine();
        log.flush();
        remember(line);
        if (line.startsWith(kind.readyMarker())) {
          httpAddress.complete(line.substring(kind.readyMarker().length()));
        }
      }
    } catch (IOException e) {
      remember("[test-support] reading node output failed: " + e);
    } finally {
      httpAddress.completeExceptionally(new IllegalStateException("the node's output ended"));
    }
  }

  private void remember(String line) {
    synchronized (tail) {
      if (tail.size() == TAIL_LINES) {
        tail.removeFirst();
      }
      tail.addLast(line);
    }
  }

  private StartFailure failure(String reason) {
    String lastLines;
    boolean portTaken;
    synchronized (tail) {
      lastLines = String.join("\n", tail);
      portTaken = tail.stream().anyMatch(line -> line.contains("BindHttpException"));
    }
    return new StartFailure(kind.engine() + " node on 127.0.0.1:" + httpPort
        + " did not start: " + reason + "; full log: " + logFile
        + "; last lines:\n" + lastLines, portTaken);
  }

  private void closeStdin() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // The child is gone already; the waits below find that out.
    }
  }

  private boolean waitFor(Duration duration) {
    try {
      return process.waitFor(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return false;
    }
  }

  private void joinPump() {
    try {
      pump.join(TERM_STOP.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Duration remaining(Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Thrown when the node does not come up; says whether its HTTP port was already taken. */
  static final class StartFailure extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final boolean portTaken;

    StartFailure(String message, boolean portTaken) {
      super(message);
      this.portTaken = portTaken;
    }

    boolean portTaken() {
      return portTaken;
    }
  }
}
