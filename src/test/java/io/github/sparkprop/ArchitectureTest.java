package io.github.sparkprop;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.github.sparkprop.data.DataSpec;
import io.github.sparkprop.data.SampleBlock;
import io.github.sparkprop.data.source.archfixture.UsesPreparation;
import io.github.sparkprop.math.SparseColumns;
import io.github.sparkprop.math.archfixture.UsesData;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package walls of DESIGN.md section 7, checked on the main classes (not the tests): no cycles between
 * the packages; {@code math} and {@code optim} at the bottom; {@code spark} below what uses it; {@code model}
 * apart from {@code data}; {@code data.source} (where rows come from) below {@code data} (how they are prepared);
 * {@code train} below the faces; the faces apart. The root package (InputException, Task, ...) is shared
 * vocabulary: every package but {@code math} and {@code optim} may use it, and it uses none.
 */
class ArchitectureTest {

    private static final String ROOT = "io.github.sparkprop";
    /** Every sparkprop class, the root package's included. */
    private static final String ALL = ROOT + "..";

    private static final ArchRule NO_CYCLES = slices().matching(ROOT + ".(*)..").namingSlices("$1")
            .should().beFreeOfCycles()
            .because("data flows one way: files -> data -> train -> model -> predict / evaluate");

    private static final ArchRule ROOT_USES_NO_PACKAGE = noClasses().that().resideInAPackage(ROOT)
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".*..")
            .because("the root package holds the vocabulary every package shares");

    private static final ArchRule MATH_ALONE = noClasses().that().resideInAPackage(pkg("math"))
            .should().dependOnClassesThat(resideInAPackage(ALL).and(resideOutsideOfPackage(pkg("math")))
                    .as("are in sparkprop outside math"))
            .because("math knows the formulas and nothing of sparkprop above them");

    private static final ArchRule OPTIM_ON_MATH_ONLY = noClasses().that().resideInAPackage(pkg("optim"))
            .should().dependOnClassesThat(resideInAPackage(ALL)
                    .and(resideOutsideOfPackages(pkg("optim"), pkg("math")))
                    .as("are in sparkprop outside optim and math"))
            .because("an optimizer sees an objective and flat weight vectors, nothing of Spark or the data");

    private static final ArchRule SPARK_AT_THE_BOTTOM = noClasses().that().resideInAPackage(pkg("spark"))
            .should().dependOnClassesThat(resideInAPackage(ALL)
                    .and(resideOutsideOfPackages(pkg("spark"), ROOT))
                    .as("are in sparkprop outside spark and the root package"))
            .because("the Spark plumbing (broadcasts, aggregation, Kryo) sits below what uses it");

    private static final ArchRule MODEL_WITHOUT_DATA = noClasses().that().resideInAPackage(pkg("model"))
            .should().dependOnClassesThat().resideInAPackage(pkg("data"))
            .because("a saved model does not know how its training data was read");

    private static final ArchRule SOURCE_BELOW_PREPARATION = noClasses().that().resideInAPackage(pkg("data.source"))
            .should().dependOnClassesThat(resideInAPackage(ALL)
                    .and(resideOutsideOfPackages(pkg("data.source"), pkg("spark"), ROOT))
                    .as("are in sparkprop outside data.source, spark and the root package"))
            .because("where rows come from (files, formats, row ids) knows nothing of how they are prepared");

    private static final ArchRule TRAIN_WITHOUT_FACES = noClasses().that().resideInAPackage(pkg("train"))
            .should().dependOnClassesThat().resideInAnyPackage(pkg("cli"), pkg("ml"), pkg("bench"), pkg("app"))
            .because("the faces bind and render a training run; train knows none of them");

    private static final ArchRule FACES_APART = CompositeArchRule
            .of(faceApart("cli", "ml", "bench"))
            .and(faceApart("ml", "cli", "bench"))
            .and(faceApart("bench", "cli", "ml"));

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages(ROOT);
        // a wrong path or option would import nothing, and every rule would pass on nothing
        assertTrue(main.contain(SampleBlock.class) && main.contain(Task.class) && main.size() > 50,
                "the main classes were not imported: " + main.size() + " classes");
        assertFalse(main.contain(UsesData.class), "test classes were imported");
    }

    @Test
    void noCyclesBetweenPackages() {
        NO_CYCLES.check(main);
    }

    @Test
    void rootPackageUsesNoPackage() {
        ROOT_USES_NO_PACKAGE.check(main);
    }

    @Test
    void mathUsesNoOtherPackage() {
        MATH_ALONE.check(main);
    }

    @Test
    void optimUsesOnlyMath() {
        OPTIM_ON_MATH_ONLY.check(main);
    }

    @Test
    void sparkUsesOnlyTheRootPackage() {
        SPARK_AT_THE_BOTTOM.check(main);
    }

    @Test
    void modelDoesNotUseData() {
        MODEL_WITHOUT_DATA.check(main);
    }

    @Test
    void dataSourcesKnowNoPreparation() {
        SOURCE_BELOW_PREPARATION.check(main);
    }

    @Test
    void trainKnowsNoFace() {
        TRAIN_WITHOUT_FACES.check(main);
    }

    @Test
    void facesDoNotUseEachOther() {
        FACES_APART.check(main);
    }

    /**
     * The rules can fail: a (test-only) class in math that uses data breaks math's wall, and with data's use of
     * math closes a cycle; a (test-only) class in data.source that uses data's preparation breaks the source's wall. Rules that matched nothing, or a misspelt package, would pass here.
     */
    @Test
    void aBrokenWallIsReported() {
        JavaClasses broken = new ClassFileImporter().importClasses(UsesData.class, SampleBlock.class,
                SparseColumns.class);
        assertViolation(MATH_ALONE.evaluate(broken), UsesData.class.getName(), SampleBlock.class.getName());
        assertViolation(NO_CYCLES.evaluate(broken), UsesData.class.getName(), SparseColumns.class.getName());
        JavaClasses preparing = new ClassFileImporter().importClasses(UsesPreparation.class, DataSpec.class);
        assertViolation(SOURCE_BELOW_PREPARATION.evaluate(preparing), UsesPreparation.class.getName(),
                DataSpec.class.getName());
    }

    private static void assertViolation(EvaluationResult result, String... named) {
        String report = result.getFailureReport().toString();
        assertTrue(result.hasViolation(), "no violation reported");
        assertTrue(Arrays.stream(named).allMatch(report::contains), "the report names " + Arrays.toString(named)
                + ":\n" + report);
    }

    private static ArchRule faceApart(String face, String other, String another) {
        return noClasses().that().resideInAPackage(pkg(face))
                .should().dependOnClassesThat().resideInAnyPackage(pkg(other), pkg(another))
                .because("each face (cli, ml, bench) binds the core on its own");
    }

    private static String pkg(String name) {
        return ROOT + "." + name + "..";
    }
}
