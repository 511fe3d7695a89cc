package io.ferstream.model.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.ferstream.model.eval.CalibrationResult;
import io.ferstream.model.eval.ReliabilityBin;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * PNG charts for training curves, evaluation reports and benchmarks, drawn with JFreeChart in headless mode (the
 * class sets {@code java.awt.headless=true} unless the property was given). All methods create the parent
 * directory of the PNG, overwrite an existing file, and throw {@link UncheckedIOException} if it cannot be written.
 */
public final class Charts {

    /** Default width of a chart in pixels. */
    public static final int WIDTH = 900;
    /** Default height of a chart in pixels. */
    public static final int HEIGHT = 600;
    /** Size of the (square-ish) confusion matrix: width. */
    public static final int MATRIX_WIDTH = 820;
    /** Size of the confusion matrix: height. */
    public static final int MATRIX_HEIGHT = 720;

    /** A colour-blind-safe palette (Okabe-Ito), cycled for series. */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000)
    };
    private static final java.awt.Shape[] SHAPES =
            org.jfree.chart.plot.DefaultDrawingSupplier.createStandardSeriesShapes();
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /**
     * A line chart with one line per series, markers at the points, default size.
     *
     * @param series name -> {@code {xs, ys}} (a {@code double[2][n]}: row 0 the x values, row 1 the y values), drawn
     *               in map order
     */
    public static void lineChart(String title, String xLabel, String yLabel, Map<String, double[][]> series,
                                 Path png) {
        lineChart(title, xLabel, yLabel, series, png, false);
    }

    /**
     * A line chart, optionally with a base-2 logarithmic x axis (for batch sizes 1, 2, 4, ... 256).
     *
     * @param series name -> {@code {xs, ys}}
     */
    public static void lineChart(String title, String xLabel, String yLabel, Map<String, double[][]> series,
                                 Path png, boolean logX) {
        lineChart(title, xLabel, yLabel, series, png, logX, false);
    }

    /**
     * A line chart, optionally with a base-2 logarithmic x axis and a y axis that starts at zero (for throughput).
     *
     * @param series name -> {@code {xs, ys}}
     */
    public static void lineChart(String title, String xLabel, String yLabel, Map<String, double[][]> series,
                                 Path png, boolean logX, boolean yFromZero) {
        ValueAxis x;
        if (logX) {
            LogAxis log = new LogAxis(xLabel);
            log.setBase(2);
            log.setTickUnit(new NumberTickUnit(1));
            log.setNumberFormatOverride(new DecimalFormat("0"));
            log.setSmallestValue(0.5);
            x = log;
        } else {
            NumberAxis lin = new NumberAxis(xLabel);
            lin.setAutoRangeIncludesZero(false);
            x = lin;
        }
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(yFromZero);
        XYPlot plot = linePlot(series, x, y);
        save(newChart(title, plot, series.size() > 1), png, WIDTH, HEIGHT);
    }

    /**
     * Training curves: loss on top, accuracy below, sharing the x axis (iteration or epoch); typically the series
     * "train" and "validation" in each map.
     *
     * @param loss     name -> {@code {xs, ys}}
     * @param accuracy name -> {@code {xs, ys}}, accuracy as a fraction in [0, 1]; may be empty
     */
    public static void trainingCurves(String title, String xLabel, Map<String, double[][]> loss,
                                      Map<String, double[][]> accuracy, Path png) {
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        styleAxis(x);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);
        combined.setGap(12);
        NumberAxis lossAxis = new NumberAxis("Loss");
        lossAxis.setAutoRangeIncludesZero(false);
        combined.add(linePlot(loss, null, lossAxis), 1);
        if (!accuracy.isEmpty()) {
            NumberAxis accAxis = new NumberAxis("Accuracy");
            accAxis.setAutoRangeIncludesZero(false);
            accAxis.setNumberFormatOverride(percentFormat(0));
            XYPlot accPlot = linePlot(accuracy, null, accAxis);
            // one legend for both panels: the same names get the same colour and marker, so list them once
            List<String> lossNames = List.copyOf(loss.keySet());
            int i = 0;
            for (String name : accuracy.keySet()) {
                if (lossNames.contains(name)) {
                    int j = lossNames.indexOf(name);
                    XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) accPlot.getRenderer();
                    r.setSeriesPaint(i, PALETTE[j % PALETTE.length]);
                    r.setSeriesShape(i, SHAPES[j % SHAPES.length]);
                    r.setSeriesVisibleInLegend(i, false);
                }
                i++;
            }
            combined.add(accPlot, 1);
        }
        save(newChart(title, combined, true), png, WIDTH, accuracy.isEmpty() ? HEIGHT : (int) (HEIGHT * 1.3));
    }

    /**
     * A confusion-matrix heat map like a paper figure: rows = true class (top to bottom in class order), columns =
     * predicted class; each cell is shaded by its row-normalised share and shows the count and the row percentage;
     * a colour bar on the right.
     *
     * @param counts  {@code counts[true][predicted]}
     * @param classes class names, one per row/column
     */
    public static void confusionMatrix(int[][] counts, List<String> classes, String title, Path png) {
        int k = counts.length;
        if (classes.size() != k) {
            throw new IllegalArgumentException(classes.size() + " class names for a " + k + "x" + k + " matrix");
        }
        double[] xs = new double[k * k];
        double[] ys = new double[k * k];
        double[] zs = new double[k * k];
        XYPlot plot = new XYPlot();
        Font countFont = new Font(Font.SANS_SERIF, Font.BOLD, k > 8 ? 11 : 15);
        Font pctFont = new Font(Font.SANS_SERIF, Font.PLAIN, k > 8 ? 9 : 12);
        for (int t = 0; t < k; t++) {
            if (counts[t].length != k) {
                throw new IllegalArgumentException("confusion matrix must be square");
            }
            long row = 0;
            for (int c : counts[t]) {
                row += c;
            }
            for (int p = 0; p < k; p++) {
                int i = t * k + p;
                double share = row == 0 ? 0 : (double) counts[t][p] / row;
                xs[i] = p;
                ys[i] = t;
                zs[i] = share;
                Color text = share > 0.5 ? Color.WHITE : Color.BLACK;
                XYTextAnnotation count = new XYTextAnnotation(Integer.toString(counts[t][p]), p, t - 0.12);
                count.setFont(countFont);
                count.setPaint(text);
                count.setTextAnchor(TextAnchor.CENTER);
                plot.addAnnotation(count);
                XYTextAnnotation pct = new XYTextAnnotation(String.format(Locale.ROOT, "%.1f%%", 100 * share), p,
                        t + 0.18);
                pct.setFont(pctFont);
                pct.setPaint(text);
                pct.setTextAnchor(TextAnchor.CENTER);
                plot.addAnnotation(pct);
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("share", new double[][] {xs, ys, zs});
        String[] names = classes.toArray(new String[0]);
        SymbolAxis predicted = new SymbolAxis("Predicted class", names);
        predicted.setGridBandsVisible(false);
        predicted.setRange(-0.5, k - 0.5);
        SymbolAxis truth = new SymbolAxis("True class", names);
        truth.setGridBandsVisible(false);
        truth.setRange(-0.5, k - 0.5);
        truth.setInverted(true); // class 0 on top, as in a printed matrix
        styleAxis(predicted);
        styleAxis(truth);
        XYBlockRenderer renderer = new XYBlockRenderer();
        BluesScale scale = new BluesScale();
        renderer.setPaintScale(scale);
        renderer.setDefaultOutlinePaint(Color.WHITE);
        plot.setDataset(data);
        plot.setDomainAxis(predicted);
        plot.setRangeAxis(truth);
        plot.setRenderer(renderer);
        plot.setDomainAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = newChart(title, plot, false);
        NumberAxis barAxis = new NumberAxis("share of true class");
        barAxis.setRange(0, 1);
        barAxis.setTickUnit(new NumberTickUnit(0.1));
        barAxis.setNumberFormatOverride(percentFormat(0));
        barAxis.setTickLabelFont(TICK_FONT);
        barAxis.setLabelFont(TICK_FONT);
        PaintScaleLegend bar = new PaintScaleLegend(scale, barAxis);
        bar.setPosition(RectangleEdge.RIGHT);
        bar.setStripWidth(18);
        bar.setAxisOffset(4);
        bar.setMargin(new RectangleInsets(40, 10, 60, 10));
        bar.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(bar);
        save(chart, png, MATRIX_WIDTH, MATRIX_HEIGHT);
    }

    /**
     * A reliability diagram: per confidence bin the accuracy (blue bars) and the mean confidence (red mark; where it
     * lies above the bar, the over-confidence gap is shaded red), the diagonal of perfect calibration, and the ECE
     * in the corner. Empty bins are left out.
     */
    public static void reliabilityDiagram(CalibrationResult calibration, String title, Path png) {
        XYIntervalSeries acc = new XYIntervalSeries("Accuracy");
        XYIntervalSeries gap = new XYIntervalSeries("Over-confidence gap");
        XYSeries conf = new XYSeries("Mean confidence");
        for (ReliabilityBin b : calibration.bins()) {
            if (b.count() == 0) {
                continue;
            }
            double mid = (b.lower() + b.upper()) / 2;
            acc.add(mid, b.lower(), b.upper(), b.accuracy(), 0, b.accuracy());
            if (b.meanConfidence() > b.accuracy()) {
                gap.add(mid, b.lower(), b.upper(), b.meanConfidence(), b.accuracy(), b.meanConfidence());
            }
            conf.add(mid, b.meanConfidence());
        }
        XYIntervalSeriesCollection accData = new XYIntervalSeriesCollection();
        accData.addSeries(acc);
        XYIntervalSeriesCollection gapData = new XYIntervalSeriesCollection();
        gapData.addSeries(gap);
        XYSeries diagonal = new XYSeries("Perfect calibration");
        diagonal.add(0, 0);
        diagonal.add(1, 1);

        NumberAxis x = new NumberAxis("Confidence (top-class probability)");
        x.setRange(0, 1);
        NumberAxis y = new NumberAxis("Accuracy");
        y.setRange(0, 1);
        styleAxis(x);
        styleAxis(y);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);

        XYSeriesCollection lines = new XYSeriesCollection(diagonal);
        lines.addSeries(conf);
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, Color.DARK_GRAY);
        line.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {6, 4}, 0));
        // the mean confidence of each bin as a short red bar across the bin
        line.setSeriesLinesVisible(1, false);
        line.setSeriesShapesVisible(1, true);
        line.setSeriesShape(1, new java.awt.geom.Rectangle2D.Double(-14, -1.5, 28, 3));
        line.setSeriesPaint(1, new Color(214, 39, 40));
        plot.setDataset(0, lines);
        plot.setRenderer(0, line);

        XYBarRenderer gapRenderer = new XYBarRenderer();
        gapRenderer.setUseYInterval(true);
        gapRenderer.setBarPainter(new StandardXYBarPainter());
        gapRenderer.setShadowVisible(false);
        gapRenderer.setSeriesPaint(0, new Color(214, 39, 40, 110));
        gapRenderer.setDrawBarOutline(true);
        gapRenderer.setSeriesOutlinePaint(0, new Color(214, 39, 40));
        plot.setDataset(1, gapData);
        plot.setRenderer(1, gapRenderer);

        XYBarRenderer accRenderer = new XYBarRenderer();
        accRenderer.setUseYInterval(true);
        accRenderer.setBarPainter(new StandardXYBarPainter());
        accRenderer.setShadowVisible(false);
        accRenderer.setSeriesPaint(0, PALETTE[0]);
        accRenderer.setDrawBarOutline(true);
        accRenderer.setSeriesOutlinePaint(0, Color.WHITE);
        plot.setDataset(2, accData);
        plot.setRenderer(2, accRenderer);

        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
        XYTextAnnotation ece = new XYTextAnnotation(String.format(Locale.ROOT, "ECE = %.2f%%   MCE = %.2f%%",
                100 * calibration.ece(), 100 * calibration.mce()), 0.03, 0.95);
        ece.setTextAnchor(TextAnchor.TOP_LEFT);
        ece.setFont(LABEL_FONT);
        ece.setBackgroundPaint(new Color(255, 255, 255, 220));
        plot.addAnnotation(ece);
        stylePlot(plot);
        save(newChart(title, plot, true), png, WIDTH, HEIGHT);
    }

    /**
     * A vertical bar chart with the value printed above each bar, e.g. each ensemble member's accuracy next to the
     * ensemble's. Values in [0, 1] are shown as percentages.
     *
     * @param values    bar name -> value, drawn in map order
     * @param highlight names of the bars drawn in the accent colour (e.g. {@code Set.of("ensemble")})
     */
    public static void barChart(String title, String valueLabel, Map<String, Double> values, Set<String> highlight,
                                Path png) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        boolean fractions = true;
        double max = 0;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            data.addValue(e.getValue(), "value", e.getKey());
            fractions &= e.getValue() >= 0 && e.getValue() <= 1;
            max = Math.max(max, e.getValue());
        }
        CategoryAxis cat = new CategoryAxis(null);
        cat.setTickLabelFont(LABEL_FONT);
        cat.setCategoryMargin(0.25);
        cat.setMaximumCategoryLabelLines(2);
        cat.setMaximumCategoryLabelWidthRatio(1.2f);
        if (values.size() > 6) {
            cat.setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_45);
        }
        NumberAxis y = new NumberAxis(valueLabel);
        styleAxis(y);
        y.setRange(0, fractions ? Math.min(1.0, Math.max(0.1, max * 1.12)) : Math.max(1e-9, max * 1.12));
        NumberFormat fmt = fractions ? percentFormat(1) : new DecimalFormat("#,##0.##");
        if (fractions) {
            y.setNumberFormatOverride(percentFormat(0));
        }
        List<String> keys = List.copyOf(values.keySet());
        BarRenderer renderer = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return highlight.contains(keys.get(column)) ? PALETTE[1] : PALETTE[0];
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.12);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", fmt));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(LABEL_FONT);
        CategoryPlot plot = new CategoryPlot(data, cat, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        save(newChart(title, plot, false), png, WIDTH, HEIGHT);
    }

    /** {@link #barChart(String, String, Map, Set, Path)} without highlighted bars. */
    public static void barChart(String title, String valueLabel, Map<String, Double> values, Path png) {
        barChart(title, valueLabel, values, Set.of(), png);
    }

    /** Convenience: a {@code {xs, ys}} series from two arrays. */
    public static double[][] series(double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException(xs.length + " x values but " + ys.length + " y values");
        }
        return new double[][] {xs.clone(), ys.clone()};
    }

    /** Convenience: an ordered map of series. */
    public static Map<String, double[][]> seriesMap(Object... nameThenSeries) {
        Map<String, double[][]> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameThenSeries.length; i += 2) {
            m.put((String) nameThenSeries[i], (double[][]) nameThenSeries[i + 1]);
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------------------

    private static XYPlot linePlot(Map<String, double[][]> series, ValueAxis x, NumberAxis y) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[][] xy = e.getValue();
            if (xy.length != 2 || xy[0].length != xy[1].length) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' must be {xs, ys} of equal length");
            }
            XYSeries s = new XYSeries(e.getKey(), false, true);
            for (int i = 0; i < xy[0].length; i++) {
                s.add(xy[0][i], xy[1][i]);
            }
            data.addSeries(s);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Stroke stroke = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        int maxPoints = series.values().stream().mapToInt(s -> s[0].length).max().orElse(0);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, stroke);
            renderer.setSeriesShape(i, SHAPES[i % SHAPES.length]);
            renderer.setSeriesShapesVisible(i, maxPoints <= 60);
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        if (x != null) {
            styleAxis(x);
        }
        styleAxis(y);
        stylePlot(plot);
        return plot;
    }

    private static void stylePlot(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinesVisible(true);
        plot.setRangeGridlinesVisible(true);
        plot.setOutlinePaint(Color.GRAY);
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
    }

    private static void styleAxis(ValueAxis axis) {
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
    }

    private static JFreeChart newChart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 12));
        TextTitle t = chart.getTitle();
        if (t != null) {
            t.setPaint(Color.BLACK);
        }
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setFrame(BlockBorder.NONE);
            l.setItemFont(LABEL_FONT);
            l.setPosition(RectangleEdge.BOTTOM);
        }
        return chart;
    }

    private static NumberFormat percentFormat(int decimals) {
        NumberFormat f = NumberFormat.getPercentInstance(Locale.ROOT);
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        return f;
    }

    private static void save(JFreeChart chart, Path png, int width, int height) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + png, e);
        }
    }

    /** White to dark blue, like matplotlib's "Blues", over [0, 1]. */
    private static final class BluesScale implements PaintScale {
        private static final Color[] STOPS = {
            new Color(0xF7FBFF), new Color(0xDEEBF7), new Color(0xC6DBEF), new Color(0x9ECAE1),
            new Color(0x6BAED6), new Color(0x4292C6), new Color(0x2171B5), new Color(0x08519C), new Color(0x08306B)
        };

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            double v = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
            double pos = v * (STOPS.length - 1);
            int i = Math.min(STOPS.length - 2, (int) Math.floor(pos));
            double f = pos - i;
            Color a = STOPS[i];
            Color b = STOPS[i + 1];
            return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
        }
    }
}
