package io.sluice.collector.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code collector.jar} run as a real process, the way a user runs it, with its output in a
 * log file under {@code target/}.
 */
final class CollectorProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "collector.jar");

  private final Process process;
  private final Path log;

  private CollectorProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code java -jar collector.jar args...} with {@code env} added to the environment. */
  static CollectorProcess start(String name, List<String> args, Map<String, String> env) {
    try {
      Path log = Files.createDirectories(Path.of("target", "e2e-logs")).resolve(name + ".log");
      List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx1g", "-jar",
          JAR.toAbsolutePath().toString()));
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().putAll(env);
      return new CollectorProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns a TCP port that was free a moment ago on 127.0.0.1. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends SIGTERM and returns the exit status; fails if it takes longer than {@code seconds}. */
  int terminate(long seconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("collector did not exit within " + seconds + " s of SIGTERM");
    }
    return process.exitValue();
  }

  /** Waits for the process to exit by itself and returns its status. */
  int waitForExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("collector did not exit within " + seconds + " s");
    }
    return process.exitValue();
  }

  /** Returns true while the process runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** Returns everything the process printed so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
