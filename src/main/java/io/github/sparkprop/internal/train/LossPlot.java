package io.github.sparkprop.internal.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
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
        JFreeChart chart = new JFreeChart("sparkprop training", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
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
