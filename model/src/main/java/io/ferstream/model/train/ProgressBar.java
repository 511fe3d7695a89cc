package io.ferstream.model.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line terminal progress bar (redrawn with carriage returns when attached to a console, otherwise one
 * line every {@code plainIntervalSeconds}): epoch, batch, loss, accuracy, images/s, ETA.
 */
public final class ProgressBar {

    private final PrintStream out;
    private final boolean interactive;
    private final double plainIntervalSeconds;
    private long lastDraw;

    public ProgressBar(PrintStream out, boolean interactive, double plainIntervalSeconds) {
        this.out = out;
        this.interactive = interactive;
        this.plainIntervalSeconds = plainIntervalSeconds;
    }

    /** A bar on stderr, interactive when a console is attached. */
    public static ProgressBar console() {
        return new ProgressBar(System.err, System.console() != null, 30);
    }

    /** A bar that draws nothing. */
    public static ProgressBar silent() {
        return new ProgressBar(null, false, 0);
    }

    /** Redraws (rate-limited). */
    public void update(int epoch, int epochs, int batch, int batches, long iteration, double loss, double accuracy,
                       double imagesPerSecond, double etaSeconds) {
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        boolean last = batch == batches;
        double interval = interactive ? 0.25 : plainIntervalSeconds;
        if (!last && (now - lastDraw) / 1e9 < interval) {
            return;
        }
        lastDraw = now;
        int width = 28;
        int filled = batches == 0 ? width : (int) ((long) width * batch / batches);
        String bar = "=".repeat(filled) + (filled < width ? ">" : "") + " ".repeat(Math.max(0, width - filled - 1));
        String line = String.format(Locale.ROOT, "epoch %d/%d [%s] %d/%d it %d loss %.4f acc %.3f %.0f img/s ETA %s",
                epoch + 1, epochs, bar, batch, batches, iteration, loss, accuracy, imagesPerSecond, eta(etaSeconds));
        if (interactive) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Prints a message on its own line (ending a pending bar line). */
    public void message(String text) {
        if (out == null) {
            return;
        }
        if (interactive) {
            out.print("\r\033[K");
        }
        out.println(text);
        out.flush();
    }

    static String eta(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
