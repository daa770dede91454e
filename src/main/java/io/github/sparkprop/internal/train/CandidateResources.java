package io.github.sparkprop.internal.train;

import io.github.sparkprop.InputException;
import io.github.sparkprop.internal.JvmLimits;
import org.apache.spark.SparkConf;

/**
 * Refuses, before anything is trained, candidates whose weights do not fit together: the driver holds every
 * candidate's weights, gradient and optimizer state at once, and every task of an executor a slice of the
 * broadcast weights and a gradient sum per candidate beside the broadcast itself:
 *
 * <pre>
 *   driver   = sum_k 8 P_k (copies + state_k)          (the arrays {@code DriverResources} counts, per candidate)
 *   executor = 8 (sum_k P_k) (1 + 2 cores)             (the broadcast; per task, the slices and the sums)
 * </pre>
 *
 * On a local master the executor is the driver's JVM, which must hold both.
 */
final class CandidateResources {

    /** The share of an executor's memory that Spark leaves to tasks and storage (spark.memory.fraction). */
    private static final double EXECUTOR_SHARE = 0.6;

    private CandidateResources() {
    }

    /**
     * @param parameters   each candidate's number of weights
     * @param stateVectors each candidate's optimizer state, in weight-sized arrays
     */
    static void check(long[] parameters, int[] stateVectors, SparkConf conf) {
        boolean local = conf.get("spark.master", "local").startsWith("local");
        int cores = local ? Runtime.getRuntime().availableProcessors() : conf.getInt("spark.executor.cores", 1);
        long executorBytes = (long) (conf.getSizeAsBytes("spark.executor.memory", "1g") * EXECUTOR_SHARE);
        String problem = problem(parameters, stateVectors, cores, JvmLimits.freeHeapBytes(), executorBytes, local);
        if (problem != null) {
            throw new InputException(problem);
        }
    }

    /** Why the candidates do not fit, or null when they do. */
    static String problem(long[] parameters, int[] stateVectors, int cores, long driverFree, long executorBytes,
            boolean local) {
        long driver = 0;
        long all = 0;
        for (int k = 0; k < parameters.length; k++) {
            driver += 8 * parameters[k] * (DriverResources.DRIVER_COPIES + stateVectors[k]);
            all += parameters[k];
        }
        long executor = 8 * all * (1 + 2L * cores);
        int candidates = parameters.length;
        if (local && driver + executor > driverFree) {
            return "the " + candidates + " candidates need about " + mb(driver + executor) + " MB together (their "
                    + "weights, gradients and optimizers' states, and " + cores + " tasks' weights and gradient sums "
                    + "for each), and the driver has " + mb(driverFree) + " MB free: train fewer candidates at a "
                    + "time, smaller networks, or give the driver more memory (spark.driver.memory, or -Xmx)";
        }
        if (!local && driver > driverFree) {
            return "the " + candidates + " candidates need about " + mb(driver) + " MB on the driver for their "
                    + "weights, gradients and optimizers' states, and it has " + mb(driverFree) + " MB free: train "
                    + "fewer candidates at a time, smaller networks, or give the driver more memory "
                    + "(spark.driver.memory)";
        }
        if (!local && executor > executorBytes) {
            return "the " + candidates + " candidates need about " + mb(executor) + " MB on each executor (the "
                    + "broadcast weights, and in each of its " + cores + " tasks a weight vector and a gradient sum "
                    + "per candidate), more than the " + mb(executorBytes) + " MB spark.executor.memory leaves "
                    + "them: train fewer candidates at a time, smaller networks, or give the executors more memory";
        }
        return null;
    }

    private static long mb(long bytes) {
        return Math.max(1, bytes >> 20);
    }
}
