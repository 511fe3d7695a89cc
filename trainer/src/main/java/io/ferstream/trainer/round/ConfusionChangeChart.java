package io.ferstream.trainer.round;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws how a confusion matrix changed from the current release to the candidate: each cell is the candidate's
 * count minus the current one's (rows: true class, columns: predicted), shaded blue where the change is good (more
 * on the diagonal, fewer off it) and red where it is bad, so a reviewer sees at a glance which confusions the
 * feedback fixed and which it introduced.
 */
public final class ConfusionChangeChart {

  private static final int CELL = 96;
  private static final int LEFT = 150;
  private static final int TOP = 110;

  private ConfusionChangeChart() {}

  public static void write(int[][] current, int[][] candidate, List<String> classes, String title, Path png)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    int k = classes.size();
    int[][] delta = new int[k][k];
    int maxAbs = 1;
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        delta[t][p] = candidate[t][p] - current[t][p];
        maxAbs = Math.max(maxAbs, Math.abs(delta[t][p]));
      }
    }
    int width = LEFT + k * CELL + 40;
    int height = TOP + k * CELL + 70;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
      g.drawString(title, 20, 30);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      g.drawString("cell = candidate count - current count; blue = better, red = worse; rows: true, columns: predicted",
          20, 52);
      Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
      Font number = new Font(Font.SANS_SERIF, Font.BOLD, 18);
      for (int i = 0; i < k; i++) {
        g.setFont(label);
        g.setColor(Color.BLACK);
        centred(g, classes.get(i), LEFT + i * CELL + CELL / 2, TOP - 12);
        g.drawString(classes.get(i), 20, TOP + i * CELL + CELL / 2 + 5);
      }
      for (int t = 0; t < k; t++) {
        for (int p = 0; p < k; p++) {
          int d = delta[t][p];
          // On the diagonal more is better; off it, fewer is better.
          int goodness = t == p ? d : -d;
          float share = (float) Math.min(1.0, Math.abs(d) / (double) maxAbs);
          Color base = goodness > 0 ? new Color(33, 102, 172) : new Color(178, 24, 43);
          g.setColor(d == 0 ? new Color(245, 245, 245) : blend(Color.WHITE, base, 0.15f + 0.85f * share));
          int x = LEFT + p * CELL;
          int y = TOP + t * CELL;
          g.fillRect(x, y, CELL, CELL);
          g.setColor(Color.GRAY);
          g.setStroke(new BasicStroke(1));
          g.drawRect(x, y, CELL, CELL);
          g.setFont(number);
          g.setColor(share > 0.6f && d != 0 ? Color.WHITE : Color.BLACK);
          centred(g, (d > 0 ? "+" : "") + d, x + CELL / 2, y + CELL / 2 - 4);
          g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
          centred(g, current[t][p] + " -> " + candidate[t][p], x + CELL / 2, y + CELL / 2 + 18);
        }
      }
      g.setColor(Color.BLACK);
      g.setFont(label);
      g.drawString("predicted class", LEFT + k * CELL / 2 - 50, TOP + k * CELL + 30);
    } finally {
      g.dispose();
    }
    Files.createDirectories(png.toAbsolutePath().getParent());
    ImageIO.write(img, "png", png.toFile());
  }

  private static void centred(Graphics2D g, String s, int cx, int baseline) {
    FontMetrics fm = g.getFontMetrics();
    g.drawString(s, cx - fm.stringWidth(s) / 2, baseline);
  }

  private static Color blend(Color a, Color b, float t) {
    return new Color(Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
        Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
        Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
  }
}
