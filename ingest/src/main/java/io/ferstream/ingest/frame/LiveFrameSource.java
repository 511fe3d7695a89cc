package io.ferstream.ingest.frame;

import io.ferstream.common.concurrent.DaemonThreads;
import io.ferstream.ingest.core.IngestStats;
import io.ferstream.ingest.core.Problem;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Keeps a live source (camera, RTSP) drained on its own thread and hands out the latest sampled frame. Without
 * it, a detector slower than the camera would let frames pile up in FFmpeg's buffers and crops would lag ever
 * further behind reality; with it, frames the detector has no time for are dropped (and counted) instead.
 */
public final class LiveFrameSource implements FrameSource {

  private final FrameSource source;
  private final FrameSampler sampler;
  private final IngestStats stats;
  private final Thread reader;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // Guarded by lock: the newest sampled frame not yet handed out, and how the source ended.
  private Mat pending;
  private long pendingIndex;
  private long pendingMicros;
  private boolean finished;
  private IOException failure;
  private volatile boolean closing;
  private Mat delivered;

  public LiveFrameSource(FrameSource source, FrameSampler sampler, IngestStats stats) {
    this.source = source;
    this.sampler = sampler;
    this.stats = stats;
    this.reader = DaemonThreads.named("ferstream-ingest-live-reader").newThread(this::drain);
    this.reader.start();
  }

  private void drain() {
    try {
      VideoFrame frame;
      while (!closing && (frame = source.next()) != null) {
        if (!sampler.keep(frame.micros())) {
          continue;
        }
        Mat copy = frame.gray().clone();
        lock.lock();
        try {
          if (pending != null) {
            stats.problem(Problem.LIVE_FRAME_DROPPED, "frame " + pendingIndex + " of " + source.uri()
                + " replaced by a newer one before detection took it");
            pending.close();
          }
          pending = copy;
          pendingIndex = frame.index();
          pendingMicros = frame.micros();
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
    } catch (IOException e) {
      lock.lock();
      try {
        failure = e;
      } finally {
        lock.unlock();
      }
    } finally {
      lock.lock();
      try {
        finished = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public VideoFrame next() throws IOException {
    lock.lock();
    try {
      if (delivered != null) {
        delivered.close();
        delivered = null;
      }
      while (pending == null && !finished) {
        changed.await();
      }
      if (pending == null) {
        if (failure != null) {
          throw failure;
        }
        return null;
      }
      delivered = pending;
      pending = null;
      return new VideoFrame(pendingIndex, pendingMicros, delivered, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for a frame of " + source.uri(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public OptionalLong expectedFrames() {
    return OptionalLong.empty();
  }

  @Override
  public double frameRate() {
    return source.frameRate();
  }

  @Override
  public boolean live() {
    return true;
  }

  @Override
  public String uri() {
    return source.uri();
  }

  @Override
  public void close() {
    closing = true;
    try {
      // The reader stops after its current grab, which the stream's read timeout bounds.
      reader.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!reader.isAlive()) {
      source.close();
    }
    lock.lock();
    try {
      if (pending != null) {
        pending.close();
        pending = null;
      }
      if (delivered != null) {
        delivered.close();
        delivered = null;
      }
    } finally {
      lock.unlock();
    }
  }
}
