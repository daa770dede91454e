package io.github.sparkprop.internal.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The curves of a training run as a PNG (JFreeChart): the training loss (the mean loss over the batch,
 * without the L2 term, as the validation loss is) and, where evaluated, the validation
 * loss per iteration; below them the validation accuracy (classifiers) or RMSE (regression).
 */
public final class LossPlot {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;

    static {
        System.setProperty("java.awt.headless", "true"); // drawing needs no display
    }

    private LossPlot() {
    }

    /** The PNG bytes of the run's curves. */
    public static byte[] png(List<IterationRecord> history) {
        XYSeries training = new XYSeries("training loss");
        XYSeries validation = new XYSeries("validation loss");
        XYSeries accuracy = new XYSeries("validation accuracy");
        XYSeries rmse = new XYSeries("validation RMSE");
        for (IterationRecord r : history) {
            if (Double.isFinite(r.loss())) {
                training.add(r.iteration(), r.loss());
            }
            if (r.hasValidation()) {
                validation.add(r.iteration(), r.validationLoss());
                if (Double.isFinite(r.validationAccuracy())) {
                    accuracy.add(r.iteration(), r.validationAccuracy());
                }
                if (Double.isFinite(r.validationRmse())) {
                    rmse.add(r.iteration(), r.validationRmse());
                }
            }
        }
        XYSeriesCollection losses = new XYSeriesCollection(training);
        if (validation.getItemCount() > 0) {
            losses.addSeries(validation);
        }
        NumberAxis iterations = new NumberAxis("iteration");
        iterations.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(iterations);
        plot.add(subplot(losses, "loss"), 3);
        XYSeries figure = accuracy.getItemCount() > 0 ? accuracy : rmse;
        if (figure.getItemCount() > 0) {
            plot.add(subplot(new XYSeriesCollection(figure), figure == accuracy ? "accuracy" : "RMSE"), 1);
        }
        return png(new JFreeChart("sparkprop training", JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    /**
     * The PNG bytes of several runs' curves in one chart (a search's candidates): each run's validation loss where
     * it was evaluated, else its training loss; below, their validation accuracy or RMSE.
     *
     * @param runs each run's history, by the name its curves take
     */
    public static byte[] overlay(Map<String, List<IterationRecord>> runs) {
        XYSeriesCollection losses = new XYSeriesCollection();
        XYSeriesCollection figures = new XYSeriesCollection();
        String figureName = null;
        for (Map.Entry<String, List<IterationRecord>> run : runs.entrySet()) {
            XYSeries loss = new XYSeries(run.getKey());
            XYSeries figure = new XYSeries(run.getKey());
            boolean validated = run.getValue().stream().anyMatch(IterationRecord::hasValidation);
            for (IterationRecord r : run.getValue()) {
                double value = validated ? r.validationLoss() : r.loss();
                if (Double.isFinite(value)) {
                    loss.add(r.iteration(), value);
                }
                double shown = Double.isFinite(r.validationAccuracy()) ? r.validationAccuracy() : r.validationRmse();
                if (Double.isFinite(shown)) {
                    figure.add(r.iteration(), shown);
                    figureName = Double.isFinite(r.validationAccuracy()) ? "validation accuracy" : "validation RMSE";
                }
            }
            losses.addSeries(loss);
            if (figure.getItemCount() > 0) {
                figures.addSeries(figure);
            }
        }
        NumberAxis iterations = new NumberAxis("iteration");
        iterations.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(iterations);
        plot.add(subplot(losses, "validation loss (training loss where none)"), 3);
        if (figureName != null) {
            plot.add(subplot(figures, figureName), 1);
        }
        return png(new JFreeChart("sparkprop tune: " + runs.size() + " candidates", JFreeChart.DEFAULT_TITLE_FONT,
                plot, true));
    }

    private static byte[] png(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static XYPlot subplot(XYSeriesCollection data, String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesStroke(s, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
