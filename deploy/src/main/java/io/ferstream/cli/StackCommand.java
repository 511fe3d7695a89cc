package io.ferstream.cli;

import io.ferstream.common.cli.ConfigOptions;
import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.lifecycle.ServiceRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "stack", mixinStandardHelpOptions = true,
    description = {"Runs Kafka (KRaft) and the Schema Registry in this process, with every topic.",
        "Creates every FerStream topic, prints how to connect, and stops cleanly on Ctrl-C.",
        "The broker's data survives restarts (--fresh wipes it)."})
public class StackCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the broker keeps its data (key stack.data.dir; default .ferstream/stack).")
  Path dataDir;

  @Option(names = "--kafka-port", description = "Kafka client port (key stack.kafka.port; default 9092).")
  Integer kafkaPort;

  @Option(names = "--registry-port", description = "Schema Registry port (key stack.registry.port; default 8081).")
  Integer registryPort;

  @Option(names = "--fresh", description = "Delete the data directory first: a new, empty cluster.")
  boolean fresh;

  @Spec CommandSpec spec;

  /** Set by tests to stop the stack without a signal. */
  final ServiceRunner runner = new ServiceRunner("ferstream stack", Duration.ofSeconds(30));

  @Override
  public Integer call() throws IOException {
    long started = System.nanoTime();
    FerStreamConfig settings = config
        .put(FerStreamConfig.STACK_DATA_DIR, dataDir)
        .put(FerStreamConfig.STACK_KAFKA_PORT, kafkaPort)
        .put(FerStreamConfig.STACK_REGISTRY_PORT, registryPort)
        .ferStreamConfig();
    EmbeddedStack stack = new EmbeddedStack(settings);
    if (fresh) {
      deleteRecursively(stack.dataDir());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Starting Kafka and the Schema Registry (data in " + stack.dataDir() + ") ...");
    out.flush();
    return runner.run(stack, () -> {
      out.printf("%nFerStream stack is up in %.1f s%n", (System.nanoTime() - started) / 1e9);
      out.printf("  Kafka            %s   (bootstrap.servers)%n", stack.bootstrapServers());
      out.printf("  Schema Registry  %s   (schema.registry.url)%n", stack.schemaRegistryUrl());
      out.printf("  Data             %s   (kept across restarts; --fresh wipes it)%n", stack.dataDir());
      out.println("  Topics");
      stack.topics().forEach(o -> out.printf("    %-24s partitions=%-3d %s%n", o.spec().name(), o.spec().partitions(),
          o.created() ? "created" : "exists"));
      out.println("Press Ctrl-C to stop.");
      out.flush();
    });
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
