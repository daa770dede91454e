package io.github.sparkprop.math;

/**
 * The Gaussian error linear unit (Hendrycks and Gimpel 2016), exact (not the tanh approximation):
 *
 * <pre>
 *   f(z)  = z Phi(z) = z (1 + erf(z / sqrt 2)) / 2
 *   f'(z) = Phi(z) + z phi(z),   phi(z) = e^{-z^2/2} / sqrt(2 pi)
 * </pre>
 *
 * with Phi the standard normal distribution function and phi its density. f is not monotonic (its minimum,
 * -0.17, is at z = -0.75), so a does not determine z: f' is computed from z ({@link #needsZ}). Initial weights
 * are He's: like a rectifier, f is about 0 for negative z and about z for positive z.
 *
 * <p>Java has no erf. Phi is computed from erfc, Phi(z) = erfc(-z / sqrt 2) / 2, which keeps its relative
 * accuracy where Phi is tiny (z far below 0); erf and erfc are W. J. Cody's rational Chebyshev approximations,
 * with the coefficients of his routine CALERF (SPECFUN, netlib.org/specfun/erf): W. J. Cody, "Rational
 * Chebyshev approximations for the error function", Mathematics of Computation 23 (1969), 631-637. In exact
 * arithmetic they are good to at least 18 significant digits; in double, erf and erfc came within 8e-16
 * relative of 40-digit values at 20,000 points in [-30, 30] (the tests hold them to 1e-14 against a series).
 * Commons Math's {@code Erf}, on Spark's class path, goes through the regularized gamma function's series or
 * continued fraction, iterated to convergence: about 450 ns a value against 45 ns here, on this hot path.
 */
record Gelu() implements Activation {

    /** 1 / sqrt(2). */
    private static final double SQRT_HALF = 0.7071067811865475244;
    /** 1 / sqrt(2 pi). */
    private static final double INV_SQRT_2PI = 0.3989422804014326779;
    /** 1 / sqrt(pi). */
    private static final double INV_SQRT_PI = 0.5641895835477562869;
    /** Where Cody's first interval ends: erf directly below, erfc above. */
    private static final double NEAR_ZERO = 0.46875;
    /** Where his second interval ends and the asymptotic one begins. */
    private static final double MIDDLE_END = 4.0;
    /** Above this, erfc(x) underflows (e^-x^2 &lt; 1e-306): 0. */
    private static final double ERFC_UNDERFLOW = 26.543;

    /** erf(x) = x A(x^2) / B(x^2) for |x| &lt;= 0.46875: the numerator's coefficients, highest power first. */
    private static final double[] A = {1.85777706184603153e-1, 3.16112374387056560e0, 1.13864154151050156e2,
        3.77485237685302021e2, 3.20937758913846947e3};
    /** ... and the denominator's, below its leading 1. */
    private static final double[] B = {2.36012909523441209e1, 2.44024637934444173e2, 1.28261652607737228e3,
        2.84423683343917062e3};
    /** erfc(x) = e^-x^2 C(x) / D(x) for 0.46875 &lt; x &lt;= 4. */
    private static final double[] C = {2.15311535474403846e-8, 5.64188496988670089e-1, 8.88314979438837594e0,
        6.61191906371416295e1, 2.98635138197400131e2, 8.81952221241769090e2, 1.71204761263407058e3,
        2.05107837782607147e3, 1.23033935479799725e3};
    private static final double[] D = {1.57449261107098347e1, 1.17693950891312499e2, 5.37181101862009858e2,
        1.62138957456669019e3, 3.29079923573345963e3, 4.36261909014324716e3, 3.43936767414372164e3,
        1.23033935480374942e3};
    /** erfc(x) = e^-x^2 (1/sqrt(pi) - u P(u) / Q(u)) / x with u = 1/x^2, for x &gt; 4. */
    private static final double[] P = {1.63153871373020978e-2, 3.05326634961232344e-1, 3.60344899949804439e-1,
        1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4};
    private static final double[] Q = {2.56852019228982242e0, 1.87295284992346047e0, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};

    @Override
    public String id() {
        return "gelu";
    }

    /** a = z Phi(z). */
    @Override
    public void apply(double[] z, int units, int samples) {
        int n = units * samples;
        for (int i = 0; i < n; i++) {
            z[i] *= normalCdf(z[i]);
        }
    }

    /** a = z Phi(z), computed in double and rounded to float. */
    @Override
    public void apply(float[] z, int units, int samples) {
        int n = units * samples;
        for (int i = 0; i < n; i++) {
            z[i] = (float) (z[i] * normalCdf(z[i]));
        }
    }

    /** delta *= Phi(z) + z phi(z). */
    @Override
    public void multiplyByDerivative(double[] z, double[] a, double[] delta, int length) {
        for (int i = 0; i < length; i++) {
            delta[i] *= derivative(z[i]);
        }
    }

    /** delta *= Phi(z) + z phi(z), the derivative computed in double. */
    @Override
    public void multiplyByDerivative(float[] z, float[] a, float[] delta, int length) {
        for (int i = 0; i < length; i++) {
            delta[i] = (float) (delta[i] * derivative(z[i]));
        }
    }

    @Override
    public boolean needsZ() {
        return true;
    }

    @Override
    public boolean isHiddenCapable() {
        return true;
    }

    @Override
    public WeightInit.Scheme weightInit() {
        return WeightInit.Scheme.HE;
    }

    /** 0.5 z (1 + Erf(z / sqrt 2)): Erf is in ONNX since opset 9, the Gelu operator only since opset 20. */
    @Override
    public <T> T onnx(OnnxNodes<T> nodes, T z) {
        T erf = nodes.unary("Erf", nodes.binary("Div", z, nodes.constant("sqrt_two", (float) Math.sqrt(2))));
        T onePlusErf = nodes.binary("Add", nodes.constant("one", 1.0f), erf);
        return nodes.binary("Mul", nodes.binary("Mul", nodes.constant("half", 0.5f), z), onePlusErf);
    }

    /** f'(z) = Phi(z) + z phi(z). */
    static double derivative(double z) {
        return normalCdf(z) + z * INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    }

    /** Phi(z) = erfc(-z / sqrt 2) / 2, the standard normal distribution function. */
    static double normalCdf(double z) {
        return 0.5 * erfc(-z * SQRT_HALF);
    }

    /** erf(x) = (2 / sqrt pi) int_0^x e^{-t^2} dt (Cody 1969). */
    static double erf(double x) {
        double y = Math.abs(x);
        return y <= NEAR_ZERO ? erfNearZero(x) : Math.copySign(1.0 - erfcAbove(y), x);
    }

    /** erfc(x) = 1 - erf(x) = (2 / sqrt pi) int_x^inf e^{-t^2} dt (Cody 1969). */
    static double erfc(double x) {
        double y = Math.abs(x);
        if (y <= NEAR_ZERO) {
            return 1.0 - erfNearZero(x);
        }
        double tail = erfcAbove(y);
        return x < 0 ? 2.0 - tail : tail;
    }

    /** erf(x) = x A(x^2) / B(x^2) for |x| &lt;= 0.46875. */
    private static double erfNearZero(double x) {
        double x2 = x * x;
        return x * polynomial(A, x2) / monicPolynomial(B, x2);
    }

    /** erfc(y) for y &gt; 0.46875: C(y) / D(y) e^-y^2 up to 4, the asymptotic form above, 0 past underflow. */
    private static double erfcAbove(double y) {
        double ratio;
        if (y <= MIDDLE_END) {
            ratio = polynomial(C, y) / monicPolynomial(D, y);
        } else if (y < ERFC_UNDERFLOW) {
            double u = 1.0 / (y * y);
            ratio = (INV_SQRT_PI - u * polynomial(P, u) / monicPolynomial(Q, u)) / y;
        } else {
            return 0.0;
        }
        return expMinusSquare(y) * ratio;
    }

    /**
     * e^{-y^2}, with y^2 split as s^2 + (y - s)(y + s), s = y rounded down to 1/16: s^2 is exact, so the rounding
     * of y^2, which e^{-y^2} would magnify y^2 times, is avoided (Cody's device).
     */
    private static double expMinusSquare(double y) {
        double s = Math.floor(16.0 * y) / 16.0;
        return Math.exp(-s * s) * Math.exp(-(y - s) * (y + s));
    }

    /** c[0] x^{k} + c[1] x^{k-1} + ... + c[k], by Horner's rule. */
    private static double polynomial(double[] c, double x) {
        double sum = c[0];
        for (int i = 1; i < c.length; i++) {
            sum = sum * x + c[i];
        }
        return sum;
    }

    /** x^{k} + c[0] x^{k-1} + ... + c[k-1], by Horner's rule. */
    private static double monicPolynomial(double[] c, double x) {
        double sum = 1.0;
        for (int i = 0; i < c.length; i++) {
            sum = sum * x + c[i];
        }
        return sum;
    }
}
