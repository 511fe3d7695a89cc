package io.ferstream.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream in the background: its raw lines, and its events as (type, data). */
final class SseTestClient implements AutoCloseable {

  record Event(String type, String data) {}

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> done;
  private volatile int status;
  private volatile Stream<String> body;

  SseTestClient(URI uri) {
    HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build();
    done = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
        .thenAcceptAsync(response -> {
          status = response.statusCode();
          body = response.body();
          String type = "message";
          List<String> data = new ArrayList<>();
          for (String line : (Iterable<String>) body::iterator) {
            lines.add(line);
            if (line.isEmpty()) {
              if (!data.isEmpty()) {
                events.add(new Event(type, String.join("\n", data)));
              }
              type = "message";
              data.clear();
            } else if (line.startsWith("event: ")) {
              type = line.substring(7);
            } else if (line.startsWith("data: ")) {
              data.add(line.substring(6));
            }
          }
        });
  }

  List<String> lines() {
    return lines;
  }

  List<Event> events() {
    return events;
  }

  List<Event> events(String type) {
    return events.stream().filter(e -> e.type().equals(type)).toList();
  }

  int status() {
    return status;
  }

  /** True once the server ended the stream. */
  boolean ended() {
    return done.isDone();
  }

  @Override
  public void close() {
    Stream<String> b = body;
    if (b != null) {
      b.close();
    }
    done.cancel(true);
  }
}
