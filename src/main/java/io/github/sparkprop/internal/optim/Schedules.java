package io.github.sparkprop.internal.optim;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The learning-rate schedules a run can choose, one registration line each: the faces' names and help, and
 * validation, come from here. With alpha the base rate, r the decay rate, k the decay period and T the
 * iterations:
 *
 * <pre>
 *   constant     : alpha
 *   step         : alpha r^floor((t-1)/k)
 *   exponential  : alpha r^((t-1)/k)
 *   inverse-sqrt : alpha / sqrt(1 + (t-1)/k)
 *   cosine       : alpha (1 + cos(pi (t-1)/T)) / 2
 * </pre>
 */
public final class Schedules {

    /** The default schedule. */
    static final String CONSTANT = "constant";

    /**
     * A schedule's name, its formula for help texts, whether it reads the decay settings, whether it needs
     * validation figures, and how to build it.
     */
    public record Type(String id, String formula, boolean decays, boolean needsValidation,
            Function<Shape, Schedule> factory) {

        /** The schedule of this type for the given numbers. */
        public Schedule build(Shape shape) {
            return factory.apply(shape);
        }
    }

    /**
     * The numbers a schedule is built from.
     *
     * @param rate       alpha, the base rate
     * @param decayRate  r
     * @param decayEvery k
     * @param iterations T
     */
    public record Shape(double rate, double decayRate, int decayEvery, int iterations) {
        public Shape {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + rate);
            }
            if (!(decayRate > 0) || decayRate > 1) {
                throw new IllegalArgumentException("decay rate must be in (0, 1], got " + decayRate);
            }
            if (decayEvery < 1 || iterations < 1) {
                throw new IllegalArgumentException("decay-every and iterations must be >= 1");
            }
        }

        /** (t - 1) / k, the decay periods before iteration t. */
        double periods(int t) {
            return (t - 1) / (double) decayEvery;
        }
    }

    private static final List<Type> TYPES = List.of(
            new Type(CONSTANT, "alpha", false, false, shape -> t -> shape.rate()),
            new Type("step", "alpha*r^floor((t-1)/k)", true, false,
                    shape -> t -> shape.rate() * Math.pow(shape.decayRate(), Math.floor(shape.periods(t)))),
            new Type("exponential", "alpha*r^((t-1)/k)", true, false,
                    shape -> t -> shape.rate() * Math.pow(shape.decayRate(), shape.periods(t))),
            new Type("inverse-sqrt", "alpha/sqrt(1+(t-1)/k)", true, false,
                    shape -> t -> shape.rate() / Math.sqrt(1 + shape.periods(t))),
            new Type("cosine", "alpha*(1+cos(pi*(t-1)/T))/2", false, false,
                    shape -> t -> shape.rate() * 0.5 * (1 + Math.cos(Math.PI * (t - 1) / shape.iterations()))),
            PlateauSchedule.TYPE);

    /**
     * The shape of the schedule, declared here after the types it offers rather than in {@link Schedule}: a
     * schedule class's initialisation initialises {@link Schedule} (it has default methods), and a setting there
     * that read the types would close a cycle of class initialisations that sees them still null.
     */
    public static final Setting SCHEDULE = Setting.choice("schedule", CONSTANT, ids(),
            "Learning rate at iteration t: " + formulas() + "; with r the decay rate, k the decay period and "
                    + "T the iterations.");

    private Schedules() {
    }

    /** The names of the schedules, in registration order. */
    static List<String> ids() {
        return TYPES.stream().map(Type::id).toList();
    }

    /** "constant alpha; step alpha*r^floor((t-1)/k); ...", for help texts. */
    static String formulas() {
        return TYPES.stream().map(type -> type.id() + " " + type.formula()).collect(Collectors.joining("; "));
    }

    /**
     * The schedule type of a name.
     *
     * @throws IllegalArgumentException naming the valid ones
     */
    public static Type fromId(String id) {
        return TYPES.stream().filter(type -> type.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown schedule '" + id + "'; valid: " + String.join(", ", ids())));
    }
}
