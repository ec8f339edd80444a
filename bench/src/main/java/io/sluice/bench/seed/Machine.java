package io.sluice.bench.seed;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Describes the machine and the builds a seed table was measured with, as a Markdown table. */
final class Machine {
  private Machine() {}

  /** Returns the table; {@code jaeger} may be null. */
  static String describe(Path collectorJar, Path jaeger, String openSearchVersion) {
    StringBuilder out = new StringBuilder("| | |\n|---|---|\n");
    row(out, "CPU", Runtime.getRuntime().availableProcessors() + " cores ("
        + firstLine("/proc/cpuinfo", "model name") + ")");
    row(out, "RAM", firstLine("/proc/meminfo", "MemTotal").replaceAll("(\\d)(?=(\\d{3})+ )", "$1,")
        + " (`/proc/meminfo`)");
    row(out, "OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    row(out, "Java", System.getProperty("java.vm.name") + " " + System.getProperty(
        "java.runtime.version") + ", default heap, for collector.jar and bench.jar");
    row(out, "Sluice", "collector.jar sha256 `" + sha256(collectorJar) + "`");
    if (jaeger != null) {
      row(out, "Jaeger", version(jaeger) + ", built by bench/scripts/build-jaeger.sh, sha256 `"
          + sha256(jaeger) + "`");
    }
    if (!openSearchVersion.isEmpty()) {
      row(out, "OpenSearch", openSearchVersion + ", single node from test-support, same machine");
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }

  private static String firstLine(String file, String prefix) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .filter(line -> line.startsWith(prefix))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16) + "…";
    } catch (IOException | NoSuchAlgorithmException e) {
      return "?";
    }
  }

  private static String version(Path jaeger) {
    try {
      Process process = new ProcessBuilder(jaeger.toString(), "version")
          .redirectErrorStream(true).start();
      String text = new String(process.getInputStream().readAllBytes(), UTF_8);
      process.waitFor(30, TimeUnit.SECONDS);
      Matcher version = Pattern.compile("\"gitVersion\":\"([^\"]*)\"").matcher(text);
      Matcher commit = Pattern.compile("\"gitCommit\":\"([0-9a-f]{8})").matcher(text);
      return version.find() && commit.find()
          ? version.group(1) + " (commit " + commit.group(1) + ")" : text.strip();
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
