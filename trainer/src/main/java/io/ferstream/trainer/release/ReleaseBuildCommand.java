package io.ferstream.trainer.release;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ferstream release build}: model's bundle builder ({@link io.ferstream.model.cli.ReleaseCommand}), which was
 * called {@code release} on its own, kept under the {@code release} command that now manages releases. Mixing it in
 * keeps its options, defaults and behaviour exactly, without copying them.
 */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Build a release bundle (zip) from training runs' snapshots, with PublicTest metrics.")
public final class ReleaseBuildCommand implements Callable<Integer> {

  @Mixin io.ferstream.model.cli.ReleaseCommand builder;

  @Override
  public Integer call() throws Exception {
    return builder.call();
  }
}
