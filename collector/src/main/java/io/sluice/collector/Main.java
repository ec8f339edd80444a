package io.sluice.collector;

import io.sluice.config.ConfigLoader;
import io.sluice.config.ConfigSource;
import io.sluice.config.ServiceConfigDecoder;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.Factories;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.service.ServiceConfig;
import io.sluice.pipeline.status.StatusRegistry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code collector.jar} command line. */
@Command(
    name = "sluice",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = {
      "Sluice: a trace collector that runs your Jaeger v2 config unchanged and accounts for "
          + "every span.",
      "",
      "With no --config it runs an all-in-one default: OTLP on localhost:4317 (gRPC) and "
          + "localhost:4318 (HTTP), memory storage, metrics on localhost:8888, health on "
          + "localhost:13133, the Jaeger query API and trace viewer on localhost:16686."
    },
    subcommands = {
      Main.Validate.class,
      Main.ComponentsCommand.class,
      Main.VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements java.util.concurrent.Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  /** How long a shutdown may take before the process exits anyway. */
  static final long SHUTDOWN_TIMEOUT_SECONDS = 60;

  /** How long start-up may take before it counts as failed. */
  static final long START_TIMEOUT_SECONDS = 120;

  @Option(
      names = "--config",
      paramLabel = "LOCATION",
      description = "Config location: a file path, file:PATH, env:VAR or yaml:INLINE. "
          + "Repeat to merge several, later ones win.")
  List<String> configs = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Set one config value, e.g. --set=processors.batch.timeout=1s. "
          + "Applied after every --config.")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--feature-gates",
      paramLabel = "GATES",
      description = "Accepted for compatibility with the collector; Sluice has no feature gates.")
  List<String> featureGates = new ArrayList<>();

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** Returns the picocli command, for tests. */
  static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  @Override
  public Integer call() throws Exception {
    ServiceConfig config;
    StatusRegistry status = new StatusRegistry();
    Factories factories = Components.factories(status);
    try {
      config = load(configs, sets, factories);
    } catch (ConfigException e) {
      log.error("Invalid configuration: {}", e.getMessage());
      return 1;
    }
    LogSetup.apply(config.telemetry());
    return run(config, status, factories);
  }

  private static int run(ServiceConfig config, StatusRegistry status, Factories factories)
      throws InterruptedException {
    Collector collector;
    try {
      collector = Collector.create(config, status, factories);
      await(collector.start().toCompletionStage().toCompletableFuture(), START_TIMEOUT_SECONDS);
    } catch (Exception e) {
      log.error("Sluice failed to start: {}", rootMessage(e));
      return 1;
    }
    CountDownLatch stopRequested = new CountDownLatch(1);
    onStopSignal(stopRequested::countDown);
    stopRequested.await();
    return stop(collector);
  }

  /**
   * Runs {@code action} on SIGTERM and SIGINT instead of letting the JVM exit with 143, so a
   * drained shutdown ends with status 0 as the collector's does.
   */
  @SuppressWarnings("sunapi")
  private static void onStopSignal(Runnable action) {
    for (String name : List.of("TERM", "INT")) {
      sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
    }
  }

  private static int stop(Collector collector) {
    log.info("Received a stop signal; draining (at most {} s)", SHUTDOWN_TIMEOUT_SECONDS);
    try {
      await(collector.shutdown().toCompletionStage().toCompletableFuture(),
          SHUTDOWN_TIMEOUT_SECONDS);
      return 0;
    } catch (TimeoutException e) {
      log.error("Shutdown did not finish within {} s; exiting anyway", SHUTDOWN_TIMEOUT_SECONDS);
    } catch (Exception e) {
      log.error("Shutdown failed: {}", rootMessage(e));
    }
    return 1;
  }

  /** Loads, merges, expands and decodes the config; no --config means the all-in-one default. */
  public static ServiceConfig load(List<String> configs, List<String> sets, Factories factories) {
    ConfigLoader loader = ConfigLoader.withSystemEnvironment();
    ConfigNode root;
    if (configs.isEmpty()) {
      log.info("No '--config' flags detected, using the default all-in-one configuration "
          + "with memory storage.");
      List<ConfigSource> sources = new ArrayList<>();
      sources.add(ConfigSource.yaml("<all-in-one>", AllInOne.yaml()));
      sets.forEach(flag -> sources.add(ConfigSource.setFlag(flag)));
      root = loader.loadSources(sources);
    } else {
      root = loader.load(configs, sets);
    }
    return ServiceConfigDecoder.decode(root, factories);
  }

  private static void await(CompletableFuture<Void> future, long seconds) throws Exception {
    try {
      future.get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static String rootMessage(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  /** {@code validate}: checks a config and exits 0, or prints the error and exits 1. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = "Check a config without starting anything.")
  static final class Validate implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--config", paramLabel = "LOCATION", description = "As for the main command.")
    List<String> configs = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "As for the main command.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--feature-gates", paramLabel = "GATES", description = "Accepted, unused.")
    List<String> featureGates = new ArrayList<>();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try {
        load(configs, sets, Components.factories(new StatusRegistry()));
        return 0;
      } catch (ConfigException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("Error: invalid configuration: " + e.getMessage());
        err.flush();
        return 1;
      }
    }
  }

  /** {@code components}: lists the component types this build knows. */
  @Command(
      name = "components",
      mixinStandardHelpOptions = true,
      description = "List the component types this build knows.")
  static final class ComponentsCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Factories factories = Components.factories(new StatusRegistry());
      PrintWriter out = spec.commandLine().getOut();
      out.println("buildinfo:");
      out.println("  command: sluice");
      out.println("  version: " + Version.get());
      for (ComponentKind kind : ComponentKind.values()) {
        out.println(kind.section() + ":");
        factories.types(kind).forEach(type -> out.println("  - " + type));
      }
      out.flush();
      return 0;
    }
  }

  /** {@code version}: prints the version. */
  @Command(
      name = "version",
      mixinStandardHelpOptions = true,
      description = "Print the version.")
  static final class VersionCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println("sluice version " + Version.get());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** Gives picocli the build's version for {@code --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"sluice version " + Version.get()};
    }
  }
}
