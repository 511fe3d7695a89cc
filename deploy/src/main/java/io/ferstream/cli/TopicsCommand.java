package io.ferstream.cli;

import io.ferstream.common.cli.ConfigOptions;
import io.ferstream.common.config.FerStreamConfig;
import io.ferstream.common.topics.TopicCreator;
import io.ferstream.common.topics.TopicSpecs;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "topics", mixinStandardHelpOptions = true, description = "Manages FerStream's topics.",
    subcommands = {TopicsCommand.Create.class})
public class TopicsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Creates every FerStream topic that does not exist yet.",
          "Each gets its partitions, retention and compaction; existing topics are left as they are."})
  static class Create implements Callable<Integer> {

    @Mixin ConfigOptions config;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      FerStreamConfig settings = config.ferStreamConfig();
      PrintWriter out = spec.commandLine().getOut();
      Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
          AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
      List<TopicCreator.Outcome> outcomes;
      try (Admin client = Admin.create(admin)) {
        outcomes = new TopicCreator(client, 30_000).createMissing(TopicSpecs.from(settings).all());
      }
      out.printf("%-26s %10s %4s  %-8s %s%n", "topic", "partitions", "rf", "status", "configs");
      for (TopicCreator.Outcome o : outcomes) {
        out.printf("%-26s %10d %4d  %-8s %s%n", o.spec().name(), o.spec().partitions(), o.spec().replicationFactor(),
            o.created() ? "created" : "exists", o.spec().configs());
      }
      out.flush();
      return 0;
    }
  }
}
