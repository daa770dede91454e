package io.github.sparkprop.math;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Reference values for the tests, independent of the production code: Taylor series summed in BigDecimal with
 * enough digits that the double each returns is correctly rounded or within an ulp of it.
 */
final class HighPrecision {

    /** pi to 60 digits. */
    private static final BigDecimal PI =
            new BigDecimal("3.14159265358979323846264338327950288419716939937510582097494");

    private HighPrecision() {
    }

    /**
     * erf(x) = (2 / sqrt pi) sum_{n >= 0} (-1)^n x^{2n+1} / (n! (2n + 1)). The terms grow to about e^{x^2} before
     * they fall, and erfc(x) = 1 - erf(x) is about e^{-x^2}: 30 + 0.87 x^2 digits (2 x^2 log10 e) leave 30 correct
     * digits in either.
     */
    static BigDecimal erf(BigDecimal x) {
        MathContext mc = digitsFor(x.doubleValue());
        BigDecimal x2 = x.multiply(x, mc);
        BigDecimal power = x; // x^{2n+1} / n!, signed
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal small = BigDecimal.ONE.movePointLeft(mc.getPrecision());
        for (int n = 0; ; n++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), mc);
            sum = sum.add(term, mc);
            if (n > x2.doubleValue() && term.abs().compareTo(small) < 0) {
                break;
            }
            power = power.multiply(x2, mc).divide(BigDecimal.valueOf(-(n + 1L)), mc);
        }
        return sum.multiply(BigDecimal.valueOf(2), mc).divide(PI.sqrt(mc), mc);
    }

    /** erf(x) rounded to double. */
    static double erf(double x) {
        return erf(new BigDecimal(x)).doubleValue();
    }

    /** erfc(x) = 1 - erf(x), rounded to double. */
    static double erfc(double x) {
        BigDecimal big = new BigDecimal(x);
        return BigDecimal.ONE.subtract(erf(big), digitsFor(x)).doubleValue();
    }

    /** e^x = sum_n x^n / n! for x &gt;= 0 (positive terms: no cancellation), 1 / e^{-x} below. */
    static BigDecimal exp(BigDecimal x) {
        MathContext mc = new MathContext(60);
        if (x.signum() < 0) {
            return BigDecimal.ONE.divide(exp(x.negate()), mc);
        }
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int n = 1; term.compareTo(sum.movePointLeft(mc.getPrecision())) > 0; n++) {
            term = term.multiply(x, mc).divide(BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
        }
        return sum;
    }

    /** Phi(z) = (1 + erf(z / sqrt 2)) / 2, the standard normal distribution function, rounded to double. */
    static double normalCdf(double z) {
        MathContext mc = digitsFor(z);
        BigDecimal x = new BigDecimal(z).divide(BigDecimal.valueOf(2).sqrt(mc), mc);
        return BigDecimal.ONE.add(erf(x), mc).divide(BigDecimal.valueOf(2), mc).doubleValue();
    }

    /** phi(z) = e^{-z^2/2} / sqrt(2 pi), the standard normal density, rounded to double. */
    static double normalDensity(double z) {
        MathContext mc = new MathContext(60);
        BigDecimal big = new BigDecimal(z);
        BigDecimal exponent = big.multiply(big, mc).divide(BigDecimal.valueOf(-2), mc);
        return exp(exponent).divide(PI.multiply(BigDecimal.valueOf(2), mc).sqrt(mc), mc).doubleValue();
    }

    private static MathContext digitsFor(double x) {
        return new MathContext(30 + (int) Math.ceil(0.87 * x * x), RoundingMode.HALF_EVEN);
    }
}
