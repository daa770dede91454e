package io.github.sparkprop.ml;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import scala.runtime.AbstractFunction1;

/**
 * The params that sparkprop's estimators and models share, owned by one of them, with their validators and
 * the one set of defaults (those of {@code sparkprop train}, where the two have the same setting).
 */
public final class SparkPropParamSet implements Serializable {

    private static final long serialVersionUID = 1L;

    public final Param<String> weightCol;
    public final IntArrayParam hiddenLayers;
    public final Param<String> activation;
    public final Param<String> loss;
    public final Param<String> optimizer;
    public final DoubleParam stepSize;
    public final IntParam maxIter;
    public final DoubleParam batchFraction;
    public final DoubleParam regParam;
    public final DoubleParam tol;
    public final LongParam seed;
    public final IntParam blockSize;
    public final Param<String> validationIndicatorCol;
    public final Param<String> checkpointDir;
    public final IntParam checkpointInterval;

    SparkPropParamSet(Params owner) {
        weightCol = new Param<>(owner, "weightCol", "column of instance weights (>= 0); unset or empty: all 1");
        hiddenLayers = new IntArrayParam(owner, "hiddenLayers",
                "sizes of the hidden layers, e.g. [128, 64]; empty: a linear model (logistic, softmax or linear "
                        + "regression)", new AllPositive());
        activation = new Param<>(owner, "activation", "activation of the hidden layers: relu, tanh, sigmoid or "
                + "identity", ParamValidators.inArray(List.of("relu", "tanh", "sigmoid", "identity")));
        loss = new Param<>(owner, "loss", "loss: cross-entropy, squared, or auto (cross-entropy for "
                + "classification, squared for regression)",
                ParamValidators.inArray(List.of("auto", "cross-entropy", "squared")));
        optimizer = new Param<>(owner, "optimizer", "gd, momentum, adam, or lbfgs (full batch only)",
                ParamValidators.inArray(List.of("gd", "momentum", "adam", "lbfgs")));
        stepSize = new DoubleParam(owner, "stepSize", "learning rate of gd, momentum and adam (> 0)",
                ParamValidators.gt(0));
        maxIter = new IntParam(owner, "maxIter", "iterations (>= 1): each one distributed pass and one step",
                ParamValidators.gtEq(1));
        batchFraction = new DoubleParam(owner, "batchFraction", "fraction of the rows in each iteration's seeded "
                + "mini-batch, in (0, 1]; 1: full batch", ParamValidators.inRange(0, 1, false, true));
        regParam = new DoubleParam(owner, "regParam", "L2 regularisation lambda on the weights (>= 0)",
                ParamValidators.gtEq(0));
        tol = new DoubleParam(owner, "tol", "stop when the loss changes by less than this (>= 0; 0: never)",
                ParamValidators.gtEq(0));
        seed = new LongParam(owner, "seed", "seed of the initial weights and the mini-batches");
        blockSize = new IntParam(owner, "blockSize", "rows stacked into one block for the GEMMs (>= 0; 0: about "
                + "4 MB of features a block, 64 to 4096 rows)", ParamValidators.gtEq(0));
        validationIndicatorCol = new Param<>(owner, "validationIndicatorCol", "boolean column: true for the rows "
                + "to validate on (scored every iteration, in the summary), false for the rows to train on");
        checkpointDir = new Param<>(owner, "checkpointDir", "where to write checkpoints (any Hadoop file "
                + "system); unset or empty: none");
        checkpointInterval = new IntParam(owner, "checkpointInterval", "a checkpoint every this many iterations "
                + "(>= 1)", ParamValidators.gtEq(1));

        owner.setDefault(hiddenLayers, new int[0]);
        owner.setDefault(activation, "relu");
        owner.setDefault(loss, "auto");
        owner.setDefault(optimizer, "gd");
        owner.setDefault(stepSize, 0.1);
        owner.setDefault(maxIter, 100);
        owner.setDefault(batchFraction, 1.0);
        owner.setDefault(regParam, 0.0);
        owner.setDefault(tol, 0.0);
        owner.setDefault(seed, 42L);
        owner.setDefault(blockSize, 0);
        owner.setDefault(checkpointInterval, 10);
    }

    /** Validator of {@link #hiddenLayers}: every size at least 1. */
    private static final class AllPositive extends AbstractFunction1<int[], Object> implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object apply(int[] sizes) {
            return Arrays.stream(sizes).allMatch(size -> size >= 1);
        }
    }
}
