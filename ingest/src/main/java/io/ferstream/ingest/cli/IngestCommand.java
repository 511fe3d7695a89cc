package io.ferstream.ingest.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferstream ingest ...}: publishes 48x48 face crops from a source to the face-crops topic. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Publishes 48x48 grayscale face crops to the face-crops topic (Avro FaceCrop, key = session id)",
        "from a video file, a camera, a network stream, a folder of images, a FER2013 replay or synthetic faces."},
    subcommands = {VideoCommand.class, CameraCommand.class, UrlCommand.class, ImagesCommand.class,
        Fer2013Command.class, SyntheticCommand.class, CommandLine.HelpCommand.class})
public class IngestCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
