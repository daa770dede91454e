package io.github.sparkprop;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.github.sparkprop.internal.data.DataSpec;
import io.github.sparkprop.internal.data.SampleBlock;
import io.github.sparkprop.internal.data.source.archfixture.UsesPreparation;
import io.github.sparkprop.math.SparseColumns;
import io.github.sparkprop.math.archfixture.UsesData;
import io.github.sparkprop.ml.archfixture.LeaksInternals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package walls of DESIGN.md section 7, checked on the main classes (not the tests). The public API is the
 * root package (InputException, SettingException, Task), {@code ml} (the Spark ML estimators and models),
 * {@code app} ({@code Main}), {@code math} (the network, its activations and losses) and {@code evaluate} (the
 * metrics); the rest is {@code internal}, and no public signature of the public API names an internal type. No
 * cycles between the packages; {@code math} and {@code optim} at the bottom; {@code spark} below what uses it;
 * {@code model} apart from {@code data}; {@code data.source} (where rows come from) below {@code data} (how they
 * are prepared); {@code train} below the faces; the faces apart. The root package and {@code internal}'s own
 * classes (DidYouMean, Numbers, ...) are shared vocabulary: every package but {@code math} and {@code optim} may
 * use them, and they use no other package.
 */
class ArchitectureTest {

    static final String ROOT = "io.github.sparkprop";
    private static final String INTERNAL = ROOT + ".internal";
    /** Every sparkprop class, the root package's included. */
    private static final String ALL = ROOT + "..";
    /** The packages users call; everything else is under {@link #INTERNAL}. */
    static final Set<String> PUBLIC = Set.of("math", "evaluate", "ml", "app");

    private static final ArchRule NO_CYCLES = slices().assignedFrom(new PackageSlices())
            .should().beFreeOfCycles()
            .because("data flows one way: files -> data -> train -> model -> predict / evaluate");

    private static final ArchRule ROOT_USES_NO_PACKAGE = noClasses().that().resideInAPackage(ROOT)
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".*..")
            .because("the root package holds the vocabulary every package shares");

    private static final ArchRule INTERNAL_VOCABULARY_USES_NO_PACKAGE = noClasses().that().resideInAPackage(INTERNAL)
            .should().dependOnClassesThat(resideInAPackage(ALL).and(resideOutsideOfPackages(ROOT, INTERNAL))
                    .as("are in sparkprop outside the root package and internal's own classes"))
            .because("internal's own classes are the vocabulary the internal packages share");

    private static final ArchRule PUBLIC_API_NAMES_NO_INTERNAL_TYPE = classes()
            .that(resideInAnyPackage(ROOT, pkg("math"), pkg("evaluate"), pkg("ml"), pkg("app")).and(modifier(JavaModifier.PUBLIC)))
            .should(new NameNoInternalType())
            .because("what users call is public and documented; the rest may change without notice");

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
                    .and(resideOutsideOfPackages(pkg("spark"), ROOT, INTERNAL))
                    .as("are in sparkprop outside spark and the shared vocabulary"))
            .because("the Spark plumbing (broadcasts, aggregation, Kryo) sits below what uses it");

    private static final ArchRule MODEL_WITHOUT_DATA = noClasses().that().resideInAPackage(pkg("model"))
            .should().dependOnClassesThat().resideInAPackage(pkg("data"))
            .because("a saved model does not know how its training data was read");

    private static final ArchRule SOURCE_BELOW_PREPARATION = noClasses().that().resideInAPackage(pkg("data.source"))
            .should().dependOnClassesThat(resideInAPackage(ALL)
                    .and(resideOutsideOfPackages(pkg("data.source"), pkg("spark"), ROOT, INTERNAL))
                    .as("are in sparkprop outside data.source, spark and the shared vocabulary"))
            .because("where rows come from (files, formats, row ids) knows nothing of how they are prepared");

    private static final ArchRule TRAIN_WITHOUT_FACES = noClasses().that().resideInAPackage(pkg("train"))
            .should().dependOnClassesThat().resideInAnyPackage(pkg("cli"), pkg("ml"), pkg("bench"), pkg("app"))
            .because("the faces bind and render a training run; train knows none of them");

    private static final ArchRule FACES_APART = CompositeArchRule
            .of(faceApart("cli", "ml", "bench"))
            .and(faceApart("ml", "cli", "bench"))
            .and(noClasses().that().resideInAPackage(pkg("bench")).should().dependOnClassesThat()
                    .resideInAPackage(pkg("cli")).because("bench measures the core and the Spark ML face as their "
                            + "users call them, not the command line"));

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
    void publicApiNamesNoInternalType() {
        PUBLIC_API_NAMES_NO_INTERNAL_TYPE.check(main);
    }

    @Test
    void internalVocabularyUsesNoPackage() {
        INTERNAL_VOCABULARY_USES_NO_PACKAGE.check(main);
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
     * math closes a cycle; a (test-only) class in data.source that uses data's preparation breaks the source's wall;
     * a (test-only) public class of ml that returns an internal type breaks the public API's. Rules that matched nothing, or a misspelt package, would pass here.
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
        JavaClasses leaking = new ClassFileImporter().importClasses(LeaksInternals.class, DataSpec.class);
        assertViolation(PUBLIC_API_NAMES_NO_INTERNAL_TYPE.evaluate(leaking), LeaksInternals.class.getName(),
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

    /** A package and its subpackages, by its name below the root or, for the internal ones, below internal. */
    private static String pkg(String name) {
        return (PUBLIC.contains(name) ? ROOT : INTERNAL) + "." + name + "..";
    }

    /**
     * One slice per package below the root, or below internal for the internal ones (internal's own classes are
     * one more); the root package's classes are in none.
     */
    private static final class PackageSlices implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (!name.startsWith(ROOT + ".")) {
                return SliceIdentifier.ignore();
            }
            String[] below = name.substring(ROOT.length() + 1).split("\\.");
            boolean internal = below[0].equals("internal") && below.length > 1;
            return SliceIdentifier.of(internal ? "internal." + below[1] : below[0]);
        }

        @Override
        public String getDescription() {
            return "sparkprop's packages";
        }
    }

    /**
     * Names no internal type in a public or protected member's signature (return, parameter and field types), nor
     * as a superclass or interface.
     */
    private static final class NameNoInternalType extends ArchCondition<JavaClass> {
        NameNoInternalType() {
            super("name no internal type in their public signatures");
        }

        @Override
        public void check(JavaClass api, ConditionEvents events) {
            List<String> named = new ArrayList<>();
            api.getRawSuperclass().ifPresent(type -> named.add("extends " + type.getName()));
            api.getRawInterfaces().forEach(type -> named.add("implements " + type.getName()));
            for (JavaMember member : api.getMembers()) {
                if (!member.getModifiers().contains(JavaModifier.PUBLIC)
                        && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
                    continue;
                }
                if (member instanceof JavaCodeUnit unit) {
                    named.add(unit.getFullName() + " returns " + unit.getRawReturnType().getName());
                    unit.getRawParameterTypes().forEach(type -> named.add(unit.getFullName() + " takes "
                            + type.getName()));
                } else if (member instanceof JavaField field) {
                    named.add(field.getFullName() + " is a " + field.getRawType().getName());
                }
            }
            for (String use : named) {
                if (use.matches(".* " + Pattern.quote(INTERNAL) + "\\.[^ ]*$")) {
                    events.add(SimpleConditionEvent.violated(api, api.getName() + ": " + use));
                }
            }
        }
    }
}
