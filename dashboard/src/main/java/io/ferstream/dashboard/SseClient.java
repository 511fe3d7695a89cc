package io.ferstream.dashboard;

import com.sun.net.httpserver.HttpExchange;
import io.ferstream.common.concurrent.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One browser connected to the push stream: a bounded queue of encoded events and the thread that writes them to
 * the browser's response, with a heartbeat comment whenever the queue stays empty for the heartbeat interval.
 * {@link #offer} never blocks: when the queue is full the caller aborts the client. The HTTP handler has returned by
 * the time this runs, so a slow browser holds only its own thread, never the server's.
 */
final class SseClient {

  /** An SSE comment line: ignored by EventSource, but it travels and so keeps the stream known to be alive. */
  static final byte[] HEARTBEAT = ":hb\n\n".getBytes(StandardCharsets.UTF_8);

  private static final byte[] CLOSE = new byte[0];

  private final HttpExchange exchange;
  private final BlockingQueue<byte[]> queue;
  private final Duration heartbeat;
  private final Consumer<SseClient> onEnd;
  private final Thread writer;
  private volatile boolean ended;

  SseClient(HttpExchange exchange, int capacity, Duration heartbeat, String name, Consumer<SseClient> onEnd) {
    this.exchange = exchange;
    // One slot more than asked, so that the close marker always fits.
    this.queue = new ArrayBlockingQueue<>(capacity + 1);
    this.heartbeat = heartbeat;
    this.onEnd = onEnd;
    this.writer = DaemonThreads.named(name).newThread(this::writeLoop);
  }

  /** Starts writing, beginning with {@code greeting} (sent at once, so the browser knows it is connected). */
  void start(byte[] greeting) {
    queue.add(greeting);
    writer.start();
  }

  /** Queues an encoded event; false when the queue is full (the client is too slow) or the client has ended. */
  boolean offer(byte[] event) {
    return !ended && queue.remainingCapacity() > 1 && queue.offer(event);
  }

  /** Ends the stream: the writer sends what is queued no further, closes the response and stops. */
  void close() {
    ended = true;
    queue.clear();
    queue.offer(CLOSE);
  }

  /**
   * Ends the stream now, even while a write is blocked on a browser that does not read: the interrupt closes the
   * connection's channel (an interruptible channel), which unblocks the write.
   */
  void abort() {
    ended = true;
    writer.interrupt();
  }

  boolean ended() {
    return ended;
  }

  /** Waits for the writer thread to finish, up to {@code timeout}. */
  void join(Duration timeout) throws InterruptedException {
    writer.join(timeout.toMillis());
  }

  private void writeLoop() {
    try (OutputStream out = exchange.getResponseBody()) {
      while (!ended) {
        byte[] event = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        if (event == CLOSE) {
          break;
        }
        out.write(event == null ? HEARTBEAT : event);
        out.flush();
      }
    } catch (IOException e) {
      // The browser went away (tab closed, network lost): a normal end of a stream.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ended = true;
      exchange.close();
      onEnd.accept(this);
    }
  }
}
