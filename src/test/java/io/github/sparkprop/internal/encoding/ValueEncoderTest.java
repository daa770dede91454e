package io.github.sparkprop.internal.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of column, as every reader hands its values over, against values worked out by hand. */
class ValueEncoderTest {

    /** The inputs of a value, read leniently (gaps filled in, unseen categories none of the known ones). */
    private static double[] encode(InputColumn column, Object value) {
        double[] x = new double[column.width() + 2];
        java.util.Arrays.fill(x, -7);
        String reason = new ValueEncoder(column, true).encode(value, x, 1);
        assertNull(reason, () -> column + " refused " + value + ": " + reason);
        assertEquals(-7, x[0], "nothing before the column's inputs");
        assertEquals(-7, x[x.length - 1], "nothing after them");
        return java.util.Arrays.copyOfRange(x, 1, x.length - 1);
    }

    /** Why the strict reading refuses a value (null when it does not). */
    private static String refusal(InputColumn column, Object value) {
        return new ValueEncoder(column, false).encode(value, new double[column.width()], 0);
    }

    @Test
    void numbersFromTextAndFromEveryJavaNumberType() {
        InputColumn x = InputColumn.numeric("x");
        assertArrayEquals(new double[] {-2.5}, encode(x, " -2.5 "));
        assertArrayEquals(new double[] {1e-3}, encode(x, "1e-3"));
        assertArrayEquals(new double[] {3}, encode(x, 3L));
        assertArrayEquals(new double[] {3}, encode(x, 3));
        assertArrayEquals(new double[] {0.25}, encode(x, 0.25f));
        assertArrayEquals(new double[] {3.5}, encode(x, new BigDecimal("3.50")));
        assertEquals("is not a number", refusal(x, "abc"));
        assertEquals("is not a number", refusal(x, "2f"), "Java's suffixes are typos here");
        for (Object gap : new Object[] {"NaN", "NA", "n/a", " null ", Double.NaN, Float.NaN}) {
            assertEquals("is missing", refusal(x, gap), gap + " is a gap");
        }
        assertEquals("is not a number", refusal(x, "NAN1"), "only the whole text is a gap marker");
        assertEquals("is infinite; values must be finite numbers", refusal(x, Double.NEGATIVE_INFINITY));
        assertEquals("is infinite; values must be finite numbers", refusal(x, "1e400"));
        assertEquals("is not a number", refusal(x, true));
        assertEquals("is missing", refusal(x, null));
        assertEquals("is missing", refusal(x, "  "), "blank text is a missing value");
        assertEquals("is missing", new ValueEncoder(x.withFills(List.of(4.25)), false).encode(null, new double[1], 0),
                "the strict reading does not fill gaps in, whatever the model learnt");
    }

    @Test
    void aFilledColumnTakesItsFillValuesForAMissingValueOnly() {
        InputColumn x = InputColumn.numeric("x").withFills(List.of(4.25));
        assertArrayEquals(new double[] {4.25}, encode(x, null));
        assertArrayEquals(new double[] {4.25}, encode(x, ""));
        assertArrayEquals(new double[] {1}, encode(x, "1"));
        assertEquals("is not a number", refusal(x, "abc"), "a bad value is not a missing one");
        InputColumn date = InputColumn.of("d", ColumnKind.DATE).withFills(List.of(2013.5, 180.0));
        assertArrayEquals(new double[] {2013.5, 180}, encode(date, null));
    }

    @Test
    void booleansAreOneOrZero() {
        InputColumn b = InputColumn.of("b", ColumnKind.BOOLEAN);
        assertArrayEquals(new double[] {1}, encode(b, true));
        assertArrayEquals(new double[] {0}, encode(b, Boolean.FALSE));
        assertArrayEquals(new double[] {1}, encode(b, "TRUE"));
        assertArrayEquals(new double[] {0}, encode(b, " false"));
        assertEquals("is not a boolean (true or false)", refusal(b, "yes"));
    }

    @Test
    void datesAreYearAndDayOfYearWhateverTheirJavaType() {
        InputColumn d = InputColumn.of("d", ColumnKind.DATE);
        // 2012 is a leap year: 31 (January) + 29 (February) + 1 = day 61
        assertArrayEquals(new double[] {2012, 61}, encode(d, "2012-03-01"));
        assertArrayEquals(new double[] {2012, 61}, encode(d, LocalDate.of(2012, 3, 1)));
        assertArrayEquals(new double[] {2012, 61}, encode(d, java.sql.Date.valueOf("2012-03-01")));
        assertArrayEquals(new double[] {2015, 365}, encode(d, "2015-12-31"));
        assertEquals("is not a date (yyyy-MM-dd)", refusal(d, "2015-02-30"));
        assertEquals("is not a date (yyyy-MM-dd)", refusal(d, "31/12/2015"));
    }

    @Test
    void timestampsAreYearDayOfYearAndHourInUtc() {
        InputColumn t = InputColumn.of("t", ColumnKind.TIMESTAMP);
        // 18:30 at +02:00 is 16:30 UTC, on day 31 + 28 + 31 + 30 + 31 + 30 = 181 of 2015
        assertArrayEquals(new double[] {2015, 181, 16.5}, encode(t, "2015-06-30T18:30:00+02:00"), 1e-12);
        assertArrayEquals(new double[] {2015, 181, 16.5}, encode(t, "2015-06-30 16:30"), 1e-12);
        assertArrayEquals(new double[] {2015, 181, 16.5 + 9.0 / 3600}, encode(t, "2015-06-30 16:30:09"), 1e-12);
        assertArrayEquals(new double[] {2015, 181, 16.5}, encode(t, Instant.parse("2015-06-30T16:30:00Z")), 1e-12);
        assertArrayEquals(new double[] {2015, 181, 16.5}, encode(t, LocalDateTime.of(2015, 6, 30, 16, 30)), 1e-12);
        assertArrayEquals(new double[] {2015, 181, 16.5},
                encode(t, java.sql.Timestamp.from(Instant.parse("2015-06-30T16:30:00Z"))), 1e-12);
        assertArrayEquals(new double[] {2015, 181, 0}, encode(t, "2015-06-30"), "a date alone is its midnight");
        assertEquals("is not a timestamp (yyyy-MM-dd HH:mm:ss)", refusal(t, "yesterday"));
    }

    @Test
    void categoriesAreOneHotAndAnUnseenOneIsRefused() {
        InputColumn c = InputColumn.categorical("c", List.of("blue", "green", "red"), false);
        assertArrayEquals(new double[] {0, 1, 0}, encode(c, "green"));
        assertArrayEquals(new double[] {0, 0, 1}, encode(c, " red "), "trimmed, as the categories were found");
        String unseen = refusal(c, "purple");
        assertEquals("is not a category seen in training (blue, green, red)", unseen);
        assertEquals("is missing", refusal(c, null));
        InputColumn withMissing = InputColumn.categorical("c", List.of("blue", "green", "red"), true);
        assertArrayEquals(new double[] {0, 0, 0, 1}, encode(withMissing, null));
        assertArrayEquals(new double[] {1, 0, 0, 0}, encode(withMissing, "blue"));
        assertTrue(refusal(withMissing, "purple").startsWith("is not a category"), "unseen is not missing");
        assertArrayEquals(new double[] {0, 0, 0}, encode(c, "purple"), "leniently: none of the known ones");
        assertArrayEquals(new double[] {0, 0, 0, 0}, encode(withMissing, "purple"));
        assertTrue(new ValueEncoder(c, true).isUnseen("purple") && !new ValueEncoder(c, true).isUnseen("red")
                && !new ValueEncoder(c, true).isUnseen("NA"), "unseen is counted, a gap is not unseen");
    }

    @Test
    void aColumnThatKeepsItsFrequentCategoriesPutsEveryOtherValueInItsOtherSlot() {
        InputColumn city = new InputColumn("city", ColumnKind.CATEGORICAL, List.of("Oslo", "Rome"), null, true, true);
        assertEquals(List.of("city=Oslo", "city=Rome", "city=(other)", "city=(missing)"), city.featureNames());
        assertArrayEquals(new double[] {0, 1, 0, 0}, encode(city, "Rome"));
        assertArrayEquals(new double[] {0, 0, 1, 0}, encode(city, "Lima"), "a value it does not keep");
        assertArrayEquals(new double[] {0, 0, 0, 1}, encode(city, ""));
        assertNull(refusal(city, "Lima"), "the other slot takes it in the strict reading too");
        assertTrue(!new ValueEncoder(city, true).isUnseen("Lima"), "the other slot is no unseen category");
    }

    @Test
    void numericCategoriesAreOneWhateverTheirNotation() {
        InputColumn c = InputColumn.categorical("pclass", List.of("1", "2", "3"), false);
        assertArrayEquals(new double[] {0, 1, 0}, encode(c, "2.0"));
        assertArrayEquals(new double[] {0, 1, 0}, encode(c, 2L));
        assertArrayEquals(new double[] {0, 1, 0}, encode(c, 2.0));
        assertArrayEquals(new double[] {0, 0, 1}, encode(c, new BigDecimal("3.00")));
    }

    @Test
    void columnsKnowTheirWidthAndInputNames() {
        InputEncoding encoding = new InputEncoding(List.of(InputColumn.numeric("x"),
                InputColumn.categorical("c", List.of("a", "b"), true), InputColumn.of("d", ColumnKind.DATE),
                InputColumn.of("t", ColumnKind.TIMESTAMP), InputColumn.of("b", ColumnKind.BOOLEAN)));
        assertEquals(1 + 3 + 2 + 3 + 1, encoding.width());
        assertEquals(List.of("x", "c=a", "c=b", "c=(missing)", "d.year", "d.dayOfYear", "t.year", "t.dayOfYear",
                "t.hour", "b"), encoding.featureNames());
        assertArrayEquals(new int[] {0, 1, 4, 6, 9}, encoding.offsets());
        assertEquals(List.of("x", "c", "d", "t", "b"), encoding.columnNames());
        InputEncoding filled = encoding.withFills(new double[] {1, 9, 9, 9, 2, 3, 4, 5, 6, 7});
        assertEquals(List.of(1.0), filled.columns().get(0).fills());
        assertNull(filled.columns().get(1).fills(), "a categorical column has its missing category instead");
        assertEquals(List.of(4.0, 5.0, 6.0), filled.columns().get(3).fills());
        assertTrue(InputEncoding.numeric(List.of("a", "b")).plainNumbers() && !filled.plainNumbers());
        assertThrows(IllegalArgumentException.class, () -> InputColumn.categorical("c", List.of("a", "a"), false));
        assertThrows(IllegalArgumentException.class, () -> InputColumn.numeric("x").withFills(List.of(1.0, 2.0)));
    }
}
