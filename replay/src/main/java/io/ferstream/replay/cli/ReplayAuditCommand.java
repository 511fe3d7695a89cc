package io.ferstream.replay.cli;

import io.ferstream.common.cli.ConfigOptions;
import io.ferstream.common.topics.Topics;
import io.ferstream.replay.audit.AuditReport;
import io.ferstream.replay.audit.AuditResult;
import io.ferstream.replay.audit.AuditedEvent;
import io.ferstream.replay.audit.LiveAudit;
import io.ferstream.replay.config.ReplayConfig;
import io.ferstream.replay.evaluate.FeedbackLabels;
import io.ferstream.replay.evaluate.LabelPolicy;
import io.ferstream.replay.range.OffsetRange;
import io.ferstream.replay.range.RangeBound;
import io.ferstream.replay.range.RangeReader;
import io.ferstream.replay.range.RangeResolver;
import io.ferstream.schemas.EmotionEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferstream replay audit}: what the live stream said over a time range, against ground truth: accuracy per
 * release and per session, per hour, and the shadow release next to the live one.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Joins emotion-events (and emotion-events-shadow) with ground truth (labelled-feedback on crop id, "
        + "or the crop's own label carried in the event) over a range: live accuracy per release and per session, "
        + "accuracy and predicted class mix per hour (drift), and the shadow release against the live one "
        + "(agreement, McNemar's test). Prints a table; writes audit.md, audit.html and PNG charts into --out.",
        "Example: ferstream replay audit --from -PT24H --to now"})
public final class ReplayAuditCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Spec CommandSpec spec;

  @Option(names = "--from", paramLabel = "T|OFFSET", defaultValue = "earliest",
      description = "Start (inclusive) on emotion-events: earliest, an ISO-8601 time, -PT24H, an offset or "
          + "per partition (0:1200,1:1180) (default: ${DEFAULT-VALUE}).")
  String from;

  @Option(names = "--to", paramLabel = "T|OFFSET", defaultValue = "latest",
      description = "End (exclusive), same forms (default: ${DEFAULT-VALUE}).")
  String to;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "audit-report",
      description = "Report folder (created; default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--labels", paramLabel = "SOURCE",
      description = "Ground truth: auto (feedback, else the crop's label), crop or feedback (key replay.labels; "
          + "default auto).")
  String labels;

  @Option(names = "--no-shadow", description = "Do not read emotion-events-shadow.")
  boolean noShadow;

  ReplayConfig settings() {
    return config.put(ReplayConfig.LABELS, labels).build(ReplayConfig.configDef(), ReplayConfig::new);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    ReplayConfig settings = settings();
    Instant now = Instant.now();
    RangeBound fromBound = RangeBound.parse(from, now);
    RangeBound toBound = RangeBound.parse(to, now);
    LabelPolicy policy = LabelPolicy.parse(settings.labels());
    Topics topics = Topics.from(settings);
    Deserializer<EmotionEvent> events = topics.emotionEvents().valueSerde().deserializer();
    Duration timeout = settings.pollTimeout();

    List<AuditedEvent> live = new ArrayList<>();
    List<AuditedEvent> shadow = new ArrayList<>();
    FeedbackLabels feedback;
    OffsetRange liveRange;
    long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
    try (KafkaConsumer<byte[], byte[]> consumer = KafkaReading.consumer(settings, "audit")) {
      RangeResolver resolver = new RangeResolver(consumer, timeout, settings.timeSlack());
      liveRange = resolver.resolve(settings.emotionEventsTopic(), fromBound, toBound);
      stderr.printf(Locale.ROOT, "reading %s (%,d offsets)%n", liveRange.describe(), liveRange.size());
      stderr.flush();
      long bad = read(consumer, liveRange, events, live, timeout);
      consumer.unsubscribe();
      live.forEach(e -> {
        span[0] = Math.min(span[0], e.timestamp());
        span[1] = Math.max(span[1], e.timestamp());
      });
      if (bad > 0) {
        stderr.printf("%d records of %s were not EmotionEvents%n", bad, settings.emotionEventsTopic());
      }
      if (!noShadow && !live.isEmpty() && RangeResolver.exists(consumer, settings.emotionEventsShadowTopic(), timeout)) {
        // The shadow topic has its own offsets: it is read over the time span of the live events read.
        RangeBound shadowFrom = fromBound instanceof RangeBound.Time ? fromBound
            : new RangeBound.Time(Instant.ofEpochMilli(span[0]));
        RangeBound shadowTo = toBound instanceof RangeBound.Time ? toBound
            : new RangeBound.Time(Instant.ofEpochMilli(span[1] + 1));
        OffsetRange shadowRange = resolver.resolve(settings.emotionEventsShadowTopic(), shadowFrom, shadowTo);
        stderr.printf(Locale.ROOT, "reading %s (%,d offsets)%n", shadowRange.describe(), shadowRange.size());
        read(consumer, shadowRange, topics.emotionEventsShadow().valueSerde().deserializer(), shadow, timeout);
        consumer.unsubscribe();
      }
      feedback = policy.needsFeedback()
          ? FeedbackLabels.read(consumer, settings.labelledFeedbackTopic(),
              topics.labelledFeedback().valueSerde().deserializer(), id -> true, timeout)
          : FeedbackLabels.none();
    }
    if (live.isEmpty()) {
      stderr.printf("no events on %s in the range: nothing to audit%n", settings.emotionEventsTopic());
      return 2;
    }
    AuditResult result = new LiveAudit(feedback, policy, settings.calibrationBins())
        .audit(span[0], span[1], live, shadow);
    stdout.println(AuditReport.console(result));
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("topic", settings.emotionEventsTopic());
    meta.put("range", liveRange.describe());
    meta.put("from / to", from + " / " + to);
    meta.put("shadow topic", noShadow ? "not read" : settings.emotionEventsShadowTopic() + " (" + shadow.size()
        + " events)");
    meta.put("labels", policy.name().toLowerCase(Locale.ROOT) + " (" + feedback.records()
        + " labelled-feedback records read)");
    meta.put("audited at", now.toString());
    List<Path> files = AuditReport.write(out, result, meta);
    stdout.printf("report: %s%n        %s%n", files.get(0), files.get(1));
    stdout.flush();
    return 0;
  }

  private static long read(KafkaConsumer<byte[], byte[]> consumer, OffsetRange range,
      Deserializer<EmotionEvent> deserializer, List<AuditedEvent> sink, Duration timeout) {
    long[] bad = {0};
    new RangeReader(timeout).read(consumer, range, r -> {
      try {
        EmotionEvent e = r.value() == null ? null : deserializer.deserialize(range.topic(), r.value());
        if (e == null) {
          bad[0]++;
        } else {
          sink.add(AuditedEvent.of(e, r.timestamp()));
        }
      } catch (RuntimeException ex) {
        bad[0]++;
      }
    });
    return bad[0];
  }
}
