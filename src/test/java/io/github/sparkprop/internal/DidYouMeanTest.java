package io.github.sparkprop.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Suggestions by edit distance, worked out by hand. */
class DidYouMeanTest {

    private static final List<String> COLUMNS = List.of("species", "sepal_length", "sepal_width", "petal_length");

    @Test
    void aTypoOfAFewLettersFindsTheColumn() {
        assertEquals("species", DidYouMean.closest("spcies", COLUMNS), "one letter left out");
        assertEquals("species", DidYouMean.closest("Species", COLUMNS), "letter case only: half an edit");
        assertEquals("sepal_width", DidYouMean.closest("sepal_widht", COLUMNS), "two letters swapped: 2 edits");
        assertEquals("; did you mean 'petal_length'?", DidYouMean.hint("petal-length", COLUMNS));
    }

    @Test
    void aNameFarFromEveryColumnFindsNone() {
        assertNull(DidYouMean.closest("label", COLUMNS), "5 letters allow 1 edit; 'label' is further from all");
        assertEquals("", DidYouMean.hint("weight", COLUMNS));
    }

    @Test
    void distancesAreLevenshteinsWithHalfAnEditForLetterCase() {
        assertEquals(3, DidYouMean.distance("kitten", "sitting"), 0.0); // k->s, e->i, +g
        assertEquals(0.5, DidYouMean.distance("Label", "label"), 0.0);
        assertEquals(0, DidYouMean.distance("label", "label"), 0.0);
    }
}
