package io.sluice.bench.seed;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.testsupport.OpenSearchNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The seed-table run of issue 7: the user's load against each collector and storage, then where
 * every span went.
 *
 * <p>For each storage (OpenSearch, started from {@code test-support} unless given; or memory)
 * and each collector (Sluice's {@code collector.jar}; Jaeger v2.1.0 when its binary is given),
 * it starts the collector with the user's config and its own loopback ports, runs the load
 * generator (bench.jar's or its Go twin), waits until storage holds its final count, and prints
 * the table, the Sluice ÷ Jaeger ratios, the collectors' {@code _spans} metric lines and a block
 * ready to paste into BENCHMARKS.md. Run it through {@code bench/scripts/seed-table.sh}.
 */
@Command(
    name = "seed-table",
    mixinStandardHelpOptions = true,
    description = "Runs the user's benchmark against Sluice (and Jaeger v2.1.0 with --jaeger) "
        + "and prints where every span went.")
public final class SeedTable implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--collector-jar", paramLabel = "PATH",
      defaultValue = "collector/target/collector.jar",
      description = "Sluice's collector.jar. Default: ${DEFAULT-VALUE}.")
  Path collectorJar;

  @Option(names = "--jaeger", paramLabel = "PATH",
      description = "Jaeger v2.1.0's jaeger binary (bench/scripts/build-jaeger.sh prints it). "
          + "Without it only Sluice runs.")
  Path jaeger;

  @Option(names = "--only", paramLabel = "COLLECTOR", split = ",",
      description = "Run only these collectors (sluice, jaeger). Default: sluice, and jaeger "
          + "when --jaeger is given.")
  List<String> only;

  @Option(names = "--storage", paramLabel = "KIND", split = ",", defaultValue = "opensearch",
      description = "opensearch, memory or both (comma-separated). Default: ${DEFAULT-VALUE}.")
  List<String> storages;

  @Option(names = "--config", paramLabel = "PATH",
      defaultValue = "examples/jaeger-config.yaml",
      description = "The user's Jaeger v2 config (OpenSearch storage). Default: ${DEFAULT-VALUE}.")
  Path config;

  @Option(names = "--memory-config", paramLabel = "PATH",
      defaultValue = "bench/config/memory-config.yaml",
      description = "The same pipeline with memory storage. Default: ${DEFAULT-VALUE}.")
  Path memoryConfig;

  @Option(names = "--opensearch", paramLabel = "URL",
      description = "Use this OpenSearch instead of starting one from test-support.")
  String openSearchUrl;

  @Option(names = "--index-prefix", defaultValue = "jaeger2-main",
      description = "The config's index prefix. Default: ${DEFAULT-VALUE}.")
  String indexPrefix;

  @Option(names = "--client", defaultValue = "java",
      description = "The load generator: java (bench.jar's) or go (bench-go). "
          + "Default: ${DEFAULT-VALUE}.")
  String client;

  @Option(names = "--go-bench", paramLabel = "PATH", defaultValue = "bench/go/target/bench-go",
      description = "The Go twin's binary. Default: ${DEFAULT-VALUE}.")
  Path goBench;

  @Option(names = "--workers", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
  int workers;

  @Option(names = "--traces", defaultValue = "10000",
      description = "Traces per worker, 3 spans each. Default: ${DEFAULT-VALUE}.")
  int traces;

  @Option(names = "--protocol", defaultValue = "http/protobuf",
      description = "http/protobuf, or http/json with --client go. Default: ${DEFAULT-VALUE}.")
  String protocol;

  @Option(names = "--lossless", description = "The client waits instead of dropping.")
  boolean lossless;

  @Option(names = "--rate", defaultValue = "0",
      description = "Each worker's pace in traces per second; 0 sends back to back. "
          + "Default: ${DEFAULT-VALUE}.")
  int rate;

  @Option(names = "--repeat", defaultValue = "1",
      description = "Runs per collector and storage, alternating collectors; the ratios use "
          + "the medians. Default: ${DEFAULT-VALUE}.")
  int repeats;

  @Option(names = "--port-base", paramLabel = "PORT",
      description = "Give each collector the five ports from PORT up. Default: free ports.")
  Integer portBase;

  @Option(names = "--settle-seconds", defaultValue = "15",
      description = "Storage counts as final once its count held this long with the "
          + "collector's queues empty. Default: ${DEFAULT-VALUE}.")
  int settleSeconds;

  @Option(names = "--max-wait-seconds", defaultValue = "1800",
      description = "Give up waiting for storage after this long. Default: ${DEFAULT-VALUE}.")
  int maxWaitSeconds;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "/tmp/sluice-bench/seed",
      description = "Logs and results. Default: ${DEFAULT-VALUE}.")
  Path out;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SeedTable()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<Collector> collectors = collectors();
    checkInputs(collectors);
    Files.createDirectories(out);
    PrintWriter console = spec.commandLine().getOut();
    Loopback http = new Loopback();
    List<SeedRow> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Supplier<Ports> ports = ports();
    try (OpenSearch openSearch = openSearch(http)) {
      for (String storage : storages) {
        SpanStore store = storage.equals("memory")
            ? new MemorySpans() : new OpenSearchSpans(openSearch.url(), indexPrefix, http);
        Path storageConfig = storage.equals("memory") ? memoryConfig : config;
        for (int repeat = 1; repeat <= repeats; repeat++) {
          for (Collector collector : collectors) {
            String name = collector.name() + "-" + storage + (repeats > 1 ? "-" + repeat : "");
            SeedRun run = new SeedRun(name, collector.name(), collector.command(), storageConfig,
                store, openSearch.url(), clientCommand(), clientLabel(), ports, http, out,
                Duration.ofSeconds(settleSeconds), Duration.ofSeconds(maxWaitSeconds));
            String before = loadAverage();
            rows.add(run.run(console));
            notes.add(collector.name() + " / " + storage + (repeats > 1 ? " #" + repeat : "")
                + ": load average " + before + " → " + loadAverage());
            console.println(SeedReport.table(rows));
            console.flush();
          }
        }
      }
      String report = report(rows, notes, openSearch.version(http));
      Files.writeString(out.resolve("seed-table.md"), report, UTF_8);
      console.println(report);
      console.println("(also in " + out.resolve("seed-table.md") + ")");
    }
    return 0;
  }

  /** A collector to run: its name in the table and the command that starts it. */
  record Collector(String name, List<String> command) {}

  private List<Collector> collectors() {
    List<String> names = only != null ? only
        : jaeger != null ? List.of(SeedReport.SLUICE, SeedReport.JAEGER)
        : List.of(SeedReport.SLUICE);
    List<Collector> collectors = new ArrayList<>();
    for (String name : names) {
      switch (name) {
        case SeedReport.SLUICE -> collectors.add(new Collector(name,
            List.of(javaExecutable(), "-jar", collectorJar.toString())));
        case SeedReport.JAEGER -> {
          if (jaeger == null) {
            throw usage("--only jaeger needs --jaeger PATH (bench/scripts/build-jaeger.sh)");
          }
          collectors.add(new Collector(name, List.of(jaeger.toString())));
        }
        default -> throw usage("--only: unknown collector '" + name
            + "', expected sluice or jaeger");
      }
    }
    return collectors;
  }

  private void checkInputs(List<Collector> collectors) {
    for (String storage : storages) {
      if (!storage.equals("opensearch") && !storage.equals("memory")) {
        throw usage("--storage: unknown value '" + storage + "', expected opensearch or memory");
      }
    }
    if (repeats < 1 || workers < 1 || traces < 1) {
      throw usage("--repeat, --workers and --traces must be positive; got " + repeats + ", "
          + workers + ", " + traces);
    }
    if (rate < 0) {
      throw usage("--rate must be 0 (back to back) or positive; got " + rate);
    }
    if (!client.equals("java") && !client.equals("go")) {
      throw usage("--client: unknown value '" + client + "', expected java or go");
    }
    if (!protocol.equals("http/protobuf") && !protocol.equals("http/json")) {
      throw usage("--protocol: unsupported value '" + protocol + "', expected http/protobuf or "
          + "http/json (the user's config has only the OTLP/HTTP receiver)");
    }
    if (protocol.equals("http/json") && client.equals("java")) {
      throw usage("--protocol http/json needs --client go: the Java SDK's OTLP exporter offers "
          + "JSON only through internal API");
    }
    requireFile("--config", config);
    requireFile("--memory-config", memoryConfig);
    if (collectors.stream().anyMatch(c -> c.name().equals(SeedReport.SLUICE))) {
      requireFile("--collector-jar", collectorJar);
    }
    if (collectors.stream().anyMatch(c -> c.name().equals(SeedReport.JAEGER))) {
      requireFile("--jaeger", jaeger);
    }
    if (client.equals("go")) {
      requireFile("--go-bench", goBench);
    }
  }

  private void requireFile(String option, Path path) {
    if (!Files.isRegularFile(path)) {
      throw usage(option + ": no file at '" + path.toAbsolutePath() + "'");
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private List<String> clientCommand() {
    List<String> command = new ArrayList<>(client.equals("go")
        ? List.of(goBench.toString())
        : List.of(javaExecutable(), "-cp", System.getProperty("java.class.path"),
            "io.sluice.bench.LoadGenerator"));
    command.addAll(List.of("--workers", Integer.toString(workers),
        "--traces", Integer.toString(traces), "--protocol", protocol));
    if (lossless) {
      command.add("--lossless");
    }
    if (rate > 0) {
      command.addAll(List.of("--rate", Integer.toString(rate)));
    }
    return command;
  }

  private String clientLabel() {
    return client + " " + protocol + (lossless ? " lossless" : " lossy")
        + (rate > 0 ? " at " + rate + " traces/s per worker" : "");
  }

  private Supplier<Ports> ports() {
    int[] next = {portBase == null ? 0 : portBase};
    return () -> {
      if (portBase == null) {
        return Ports.free();
      }
      Ports ports = Ports.from(next[0]);
      next[0] += 5;
      return ports;
    };
  }

  private OpenSearch openSearch(Loopback http) {
    if (!storages.contains("opensearch")) {
      return new OpenSearch(null, "");
    }
    if (openSearchUrl != null) {
      return new OpenSearch(null, openSearchUrl);
    }
    if (System.getProperty("sluice.opensearch.dir") == null) {
      System.setProperty("sluice.opensearch.dir", out.resolve("opensearch").toString());
    }
    spec.commandLine().getErr().println("seed-table: starting OpenSearch from test-support");
    OpenSearchNode node = OpenSearchNode.start();
    return new OpenSearch(node, node.httpUrl());
  }

  /** The OpenSearch of the run: started here (and stopped at the end) or given. */
  record OpenSearch(OpenSearchNode node, String url) implements AutoCloseable {
    String version(Loopback http) {
      if (url.isEmpty()) {
        return "";
      }
      String body = http.get(url).body();
      int at = body.indexOf("\"number\"");
      return at < 0 ? "?" : body.substring(at).replaceAll("(?s)^\"number\"\\s*:\\s*\"([^\"]*)\".*",
          "$1");
    }

    @Override
    public void close() {
      if (node != null) {
        node.close();
      }
    }
  }

  private String report(List<SeedRow> rows, List<String> notes, String openSearchVersion) {
    StringBuilder block = new StringBuilder();
    block.append("## The user's benchmark: Sluice and Jaeger v2.1.0 side by side (issue 7)\n\n");
    block.append(Machine.describe(collectorJar, jaeger, openSearchVersion)).append('\n');
    block.append("```\nbench/scripts/seed-table.sh ")
        .append(String.join(" ", spec.commandLine().getParseResult().originalArgs()))
        .append("\n```\n\n");
    block.append(String.format(Locale.ROOT, "%d workers × %d traces × 3 spans, client %s. "
        + "\"To all stored\" runs from the client's start until storage last changed "
        + "(OpenSearch: `_count` polled every 250 ms, up to 1 s late by the refresh interval).%n%n",
        workers, traces, clientLabel()));
    block.append(SeedReport.table(rows)).append('\n');
    String ratios = SeedReport.ratios(rows);
    if (!ratios.isEmpty()) {
      block.append(ratios).append('\n');
    }
    block.append("The `_spans` metric lines at the end of each run:\n\n```\n")
        .append(SeedReport.spanMetricLines(rows)).append("```\n\n");
    notes.forEach(note -> block.append("- ").append(note).append('\n'));
    block.append("\nRun at ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append("; logs in ").append(out).append(".\n");
    return block.toString();
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The environment the collectors get: the user's config reads these. */
  static Map<String, String> storageEnvironment(String openSearchUrl) {
    return Map.of("ES_SERVER_URLS", openSearchUrl, "ES_USERNAME", "", "ES_PASSWORD", "");
  }
}
