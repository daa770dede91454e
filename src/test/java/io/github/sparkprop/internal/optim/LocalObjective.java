package io.github.sparkprop.internal.optim;

import io.github.sparkprop.math.Backprop;
import io.github.sparkprop.math.L2Penalty;
import io.github.sparkprop.math.Network;

/** The full-batch cost of a network on in-memory samples, for optimizer tests that need no Spark. */
public final class LocalObjective implements Objective {

    private final Network network;
    private final double[] x;
    private final double[] y;
    private final L2Penalty l2;
    private final Backprop backprop;

    /** @param x samples as columns (n_0 x m), y one label per sample */
    public LocalObjective(Network network, double[] x, double[] y, double lambda) {
        this.network = network;
        this.x = x;
        this.y = y;
        this.l2 = new L2Penalty(lambda);
        this.backprop = new Backprop(network);
    }

    @Override
    public Evaluation evaluate(double[] w, int iteration) {
        double[] g = new double[network.parameterCount()];
        double loss = backprop.addGradient(w, x, y, y.length, g);
        for (int i = 0; i < g.length; i++) {
            g[i] /= y.length;
        }
        l2.addGradient(network, w, g);
        return new Evaluation(loss / y.length + l2.value(network, w), loss / y.length, g, y.length);
    }
}
