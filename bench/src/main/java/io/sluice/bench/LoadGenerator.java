package io.sluice.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code bench.jar} command line: sends the user's load to a collector through the
 * OpenTelemetry SDK and reports where every span went.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Sends the user's load (per trace: a Gin SERVER span /ping/GRM with a redis 'ping' and a "
          + "gorm 'gorm.Raw' CLIENT child) through the OpenTelemetry SDK's BatchSpanProcessor "
          + "and OTLP exporter, with the SDK's defaults, then prints how many spans were ended, "
          + "exported, failed and dropped in the client's queue.",
      "Progress goes to stderr once a second; the summary goes to stdout."
    })
public final class LoadGenerator implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "The collector's OTLP base URL. Default: http://localhost:4318 "
          + "(http://localhost:4317 with --protocol grpc).")
  String endpoint;

  @Option(names = "--protocol", paramLabel = "PROTOCOL",
      defaultValue = "http/protobuf",
      converter = ProtocolConverter.class,
      description = "http/protobuf or grpc. Default: ${DEFAULT-VALUE}.")
  Protocol protocol;

  @Option(names = "--workers", paramLabel = "N",
      defaultValue = "" + LoadConfig.DEFAULT_WORKERS,
      description = "Threads sending traces. Default: ${DEFAULT-VALUE}.")
  int workers;

  @Option(names = "--traces", paramLabel = "N",
      defaultValue = "" + LoadConfig.DEFAULT_TRACES_PER_WORKER,
      description = "Traces per worker, 3 spans each. Default: ${DEFAULT-VALUE}.")
  int tracesPerWorker;

  @Option(names = "--service", paramLabel = "NAME",
      defaultValue = LoadConfig.DEFAULT_SERVICE_NAME,
      description = "The resource's service.name. Default: ${DEFAULT-VALUE}.")
  String serviceName;

  @Option(names = "--lossless",
      description = "Make a worker wait while the client's queue is full instead of dropping "
          + "the span (the SDK drops by default).")
  boolean lossless;

  @Option(names = "--rate", paramLabel = "TRACES_PER_SECOND",
      defaultValue = "0",
      description = "Each worker's pace in traces per second; 0 sends back to back. "
          + "Default: ${DEFAULT-VALUE}.")
  double tracesPerSecondPerWorker;

  @Option(names = "--queue-size", paramLabel = "SPANS",
      defaultValue = "" + LoadConfig.DEFAULT_MAX_QUEUE_SIZE,
      description = "BatchSpanProcessor queue, in spans. Default: ${DEFAULT-VALUE} (SDK's).")
  int maxQueueSize;

  @Option(names = "--batch-size", paramLabel = "SPANS",
      defaultValue = "" + LoadConfig.DEFAULT_MAX_EXPORT_BATCH_SIZE,
      description = "Most spans per export request. Default: ${DEFAULT-VALUE} (SDK's).")
  int maxExportBatchSize;

  @Option(names = "--schedule-delay-ms", paramLabel = "MILLIS",
      defaultValue = "5000",
      description = "Wait for a full batch before exporting a short one, in milliseconds. "
          + "Default: ${DEFAULT-VALUE} (SDK's).")
  long scheduleDelayMillis;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadGenerator()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    LoadConfig config = config();
    PrintWriter err = spec.commandLine().getErr();
    err.printf("bench: %d workers x %d traces (%d spans) to %s over %s, %s client%n",
        config.workers(), config.tracesPerWorker(), config.totalSpans(), config.endpoint(),
        config.protocol(), config.lossless() ? "lossless" : "lossy (SDK default)");
    err.flush();
    RunResult result = run(config, err);
    spec.commandLine().getOut().print(result.summary());
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** Returns the run's settings from the parsed flags. */
  LoadConfig config() {
    return new LoadConfig(endpoint == null ? protocol.defaultEndpoint() : endpoint, protocol,
        workers, tracesPerWorker, serviceName, lossless, maxQueueSize, maxExportBatchSize,
        Duration.ofMillis(scheduleDelayMillis), tracesPerSecondPerWorker);
  }

  private static RunResult run(LoadConfig config, PrintWriter err) throws InterruptedException {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "bench-progress");
      thread.setDaemon(true);
      return thread;
    });
    try (LoadRun run = new LoadRun(config)) {
      Progress progress = new Progress(run::counts, err);
      ticker.scheduleAtFixedRate(progress::tick, 1, 1, TimeUnit.SECONDS);
      Duration load = run.sendAll();
      Duration drain = run.drain();
      return new RunResult(config, load, drain, run.counts());
    } finally {
      ticker.shutdownNow();
    }
  }

  /** Turns a {@code --protocol} value into a {@link Protocol}. */
  static final class ProtocolConverter implements CommandLine.ITypeConverter<Protocol> {
    @Override
    public Protocol convert(String value) {
      return Protocol.fromFlag(value);
    }
  }

  /** What one run did: the settings, the two phases' wall times and the final counts. */
  record RunResult(LoadConfig config, Duration load, Duration drain, SpanCounts counts) {
    /** Returns the summary as aligned {@code name value} lines. */
    String summary() {
      double loadSeconds = load.toNanos() / 1e9;
      double totalSeconds = loadSeconds + drain.toNanos() / 1e9;
      StringBuilder out = new StringBuilder();
      line(out, "load (all spans ended)", String.format(Locale.ROOT, "%.3f s", loadSeconds));
      line(out, "drain (client shutdown)",
          String.format(Locale.ROOT, "%.3f s", drain.toNanos() / 1e9));
      line(out, "duration", String.format(Locale.ROOT, "%.3f s", totalSeconds));
      line(out, "spans ended", counts.ended());
      line(out, "spans exported", counts.exported());
      line(out, "spans failed", counts.failed());
      line(out, "spans dropped", counts.dropped());
      line(out, "dropped %", String.format(Locale.ROOT, "%.2f", counts.droppedPercent()));
      line(out, "spans unaccounted", counts.pending());
      line(out, "ended spans/s", Math.round(counts.ended() / loadSeconds));
      line(out, "exported spans/s", Math.round(counts.exported() / totalSeconds));
      return out.toString();
    }

    private static void line(StringBuilder out, String name, Object value) {
      out.append(String.format(Locale.ROOT, "%-24s %s%n", name, value));
    }
  }
}
