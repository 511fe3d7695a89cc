package io.ferstream.trainer.round;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the retraining policy must remember across restarts: the last round's number and time, and how far into the
 * training-buffer topic (next offset per partition) the buffer had read when it started. Offsets, not counts, because
 * compaction removes replaced labels but never renumbers offsets. Saved atomically as JSON in the trainer's state directory.
 */
public record RoundState(@JsonProperty("lastRound") int lastRound, @JsonProperty("lastRoundAtMillis") long lastRoundAtMillis,
    @JsonProperty("offsets") Map<Integer, Long> offsets) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public RoundState {
    offsets = offsets == null ? Map.of() : Map.copyOf(new TreeMap<>(offsets));
  }

  public static RoundState initial(long nowMillis) {
    return new RoundState(0, nowMillis, Map.of());
  }

  public static RoundState load(Path file, long nowMillis) throws IOException {
    return Files.exists(file) ? JSON.readValue(file.toFile(), RoundState.class) : initial(nowMillis);
  }

  public void save(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
