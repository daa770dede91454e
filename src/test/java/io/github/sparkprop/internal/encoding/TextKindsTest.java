package io.github.sparkprop.internal.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** What a sample of text values says a column holds. */
class TextKindsTest {

    private static ColumnKind kind(String... values) {
        TextKinds kinds = new TextKinds();
        for (String value : values) {
            kinds.add(value);
        }
        return kinds.kind();
    }

    @Test
    void eachKindIsToldFromItsValuesAndMissingValuesSayNothing() {
        assertEquals(ColumnKind.NUMERIC, kind("1", "2.5", null, "", "-3e2"));
        assertEquals(ColumnKind.BOOLEAN, kind("true", "False", null));
        assertEquals(ColumnKind.DATE, kind("2012-01-01", "2015-12-31", ""));
        assertEquals(ColumnKind.TIMESTAMP, kind("2012-01-01 10:00:00", "2012-01-02T11:30Z"));
        assertEquals(ColumnKind.TIMESTAMP, kind("2012-01-01", "2012-01-02 11:30"), "dates and timestamps mixed");
        assertNull(kind("rain", "sun", "fog"), "text: categories or free text, as its distinct values decide");
        assertNull(kind(null, ""), "no value: nothing to tell");
        assertNull(kind("2012-01-01", "rain"), "a date and text are text");
    }

    @Test
    void aColumnOfNumbersWithSomeBadValuesStaysNumericSoThatTheyAreReported() {
        assertEquals(ColumnKind.NUMERIC, kind("1", "oops"), "half numbers: a column of numbers with a typo");
        assertEquals(ColumnKind.NUMERIC, kind("1", "2", "NaN", "x"));
        assertNull(kind("1", "a", "b"), "mostly text: categories that include a number");
    }
}
