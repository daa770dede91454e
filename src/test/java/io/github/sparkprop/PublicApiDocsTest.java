package io.github.sparkprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.DocumentationTool;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public API (the packages ArchitectureTest names public) is documented: javadoc, with its default checks
 * (every public class, method and parameter described, every reference resolved, the HTML valid), builds it
 * without one warning.
 */
class PublicApiDocsTest {

    @Test
    void javadocOfThePublicApiHasNoWarning(@TempDir Path dir) {
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        StringWriter output = new StringWriter();
        List<String> args = new ArrayList<>(List.of("-quiet", "-Xmaxwarns", "10000",
                "--add-modules", "jdk.incubator.vector", "-d", dir.toString(),
                "-cp", System.getProperty("java.class.path"), "-sourcepath", "src/main/java"));
        args.add(ArchitectureTest.ROOT);
        ArchitectureTest.PUBLIC.stream().sorted().forEach(name -> args.add(ArchitectureTest.ROOT + "." + name));
        boolean built = javadoc.getTask(output, null, null, null, args, null).call();
        List<String> warnings = output.toString().lines()
                .filter(line -> line.contains("warning: ") && !line.contains("incubating module")).toList();
        assertTrue(built, output.toString());
        assertTrue(Files.exists(dir.resolve("io/github/sparkprop/ml/SparkPropClassifier.html")), output.toString());
        assertEquals(List.of(), warnings, output.toString());
    }
}
