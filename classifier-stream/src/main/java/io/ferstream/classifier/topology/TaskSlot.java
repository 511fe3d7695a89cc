package io.ferstream.classifier.topology;

import java.util.ArrayDeque;
import org.apache.kafka.streams.processor.TaskId;

/**
 * One task's place in its thread's {@link BatchCoordinator}: the scored crops the task has yet to forward. Only the
 * owning stream thread touches it.
 */
public final class TaskSlot {

  private final TaskId taskId;
  private final BatchCoordinator coordinator;
  private final ArrayDeque<ScoredCrop> scored = new ArrayDeque<>();
  private int waiting;
  private boolean detached;

  TaskSlot(TaskId taskId, BatchCoordinator coordinator) {
    this.taskId = taskId;
    this.coordinator = coordinator;
  }

  public TaskId taskId() {
    return taskId;
  }

  BatchCoordinator coordinator() {
    return coordinator;
  }

  /** The oldest scored crop not forwarded yet, or null. */
  public ScoredCrop pollScored() {
    ScoredCrop s = scored.pollFirst();
    if (s != null) {
      coordinator.forwarded(1);
    }
    return s;
  }

  /** Crops of this task waiting to be scored. */
  public int waiting() {
    return waiting;
  }

  /** Crops of this task scored but not forwarded. */
  public int scored() {
    return scored.size();
  }

  boolean detached() {
    return detached;
  }

  void enqueued() {
    waiting++;
  }

  void deliver(ScoredCrop crop) {
    waiting--;
    if (!detached) {
      scored.addLast(crop);
    }
  }

  int detach() {
    detached = true;
    int dropped = waiting + scored.size();
    waiting = 0;
    scored.clear();
    return dropped;
  }
}
