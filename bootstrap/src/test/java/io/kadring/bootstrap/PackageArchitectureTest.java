package io.kadring.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * How the packages of every module depend on each other. bootstrap depends on all the other
 * modules, so its test classpath holds every production class of the tree: the rules here see
 * them all. Test classes are left out (a command's test runs {@code Main}; the shared test
 * fixtures live in the root package), and so are the fixture packages under
 * {@code io.kadring.archfixture}, which only show that the cycle rule bites.
 */
final class PackageArchitectureTest {
    /** Every production class of every module (crypto, routing, storage, overlay, simulator, bootstrap). */
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kadring");

    /**
     * One slice per package: "(**)" captures the whole package name after io.kadring, so
     * bootstrap and bootstrap.cli are two slices (a slice per module, "io.kadring.(*)..",
     * would put them together and never see a cycle between them).
     */
    private static final ArchRule NO_CYCLES = slices().matching("io.kadring.(**)").namingSlices("$1")
            .should().beFreeOfCycles()
            .because("a package that needs another must not be needed by it: cycles make packages one tangle");

    /** bootstrap, top down; a layer may use the layers it names (and itself), no others. */
    private static final ArchRule BOOTSTRAP_LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("command").definedBy("io.kadring.bootstrap")
            .layer("cli").definedBy("io.kadring.bootstrap.cli..")
            .layer("peer").definedBy("io.kadring.bootstrap.peer..")
            .layer("admin").definedBy("io.kadring.bootstrap.admin..")
            .layer("state").definedBy("io.kadring.bootstrap.state..")
            .layer("text").definedBy("io.kadring.bootstrap.text..")
            .whereLayer("command").mayOnlyAccessLayers("cli")
            .whereLayer("cli").mayOnlyAccessLayers("peer", "text")
            .whereLayer("peer").mayOnlyAccessLayers("admin", "state", "text")
            .whereLayer("admin").mayOnlyAccessLayers("state", "text")
            .whereLayer("state").mayOnlyAccessLayers("text")
            .whereLayer("text").mayNotAccessAnyLayer()
            .because("Main runs the commands, a command starts the peer, the peer serves the admin API and "
                    + "keeps the data directory; text, which they share, uses none of them");

    private static final ArchRule BOOTSTRAP_EMBEDS_THE_NODE = noClasses()
            .that().resideInAPackage("io.kadring.bootstrap..")
            .should().dependOnClassesThat().resideInAnyPackage("io.kadring.overlay.wire..", "io.kadring.overlay.env..",
                    "io.kadring.overlay.metrics..", "io.kadring.overlay.vertx..")
            .because("the peer process embeds the node like any application, through KadringNode and the "
                    + "types it takes and returns, never the node's wire format, environment or drivers");

    @Test
    void productionClasses_coverEveryPackageInTheSourceTree_andNoFixture() throws IOException {
        SortedSet<String> imported = PRODUCTION.stream().map(JavaClass::getPackageName)
                .collect(Collectors.toCollection(TreeSet::new));
        SortedSet<String> sources = sourcePackages().stream().map(SourcePackage::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(sources, imported, "the rules below would not see every package of the source tree");
        assertTrue(imported.stream().noneMatch(p -> p.startsWith("io.kadring.archfixture")), imported.toString());
    }

    @Test
    void packages_areFreeOfCycles() {
        NO_CYCLES.check(PRODUCTION);
    }

    @Test
    void bootstrapPackages_dependOnlyOnTheLayersBelow() {
        BOOTSTRAP_LAYERS.check(PRODUCTION);
    }

    @Test
    void bootstrap_usesTheOverlayOnlyThroughItsEmbeddingApi() {
        BOOTSTRAP_EMBEDS_THE_NODE.check(PRODUCTION);
    }

    @Test
    void cycleRule_reportsSiblingPackagesAndAPackageAndItsSubPackageThatDependOnEachOther() {
        JavaClasses cyclic = new ClassFileImporter()
                .importPackages("io.kadring.archfixture.siblings", "io.kadring.archfixture.nested");

        AssertionError e = assertThrows(AssertionError.class, () -> NO_CYCLES.check(cyclic));

        String report = e.getMessage().replaceAll("\\s+", " ");
        assertTrue(report.contains(
                "Cycle detected: archfixture.nested -> archfixture.nested.inner -> archfixture.nested "), report);
        assertTrue(report.contains(
                "Cycle detected: archfixture.siblings.a -> archfixture.siblings.b -> archfixture.siblings.a "), report);
    }

    @Test
    void cycleRule_passesPackagesThatDependOneWay() {
        JavaClasses oneWay = new ClassFileImporter().importPackages("io.kadring.archfixture.oneway");
        assertEquals(2, oneWay.size());
        assertDoesNotThrow(() -> NO_CYCLES.check(oneWay));
    }

    @Test
    void everyPackage_hasAPackageInfoWithADocComment() throws IOException {
        List<String> missing = new ArrayList<>();
        for (SourcePackage p : sourcePackages()) {
            Path info = p.dir().resolve("package-info.java");
            boolean documented = Files.isRegularFile(info)
                    && Files.readString(info, StandardCharsets.UTF_8).strip().startsWith("/**");
            if (!documented) {
                missing.add(root().relativize(info).toString());
            }
        }
        assertEquals(List.of(), missing, "packages without a package-info.java that says what lives there");
    }

    // ---- the source tree -------------------------------------------------------------------

    /** A directory under a module's src/main/java that holds .java files, and the package it is. */
    private record SourcePackage(Path dir, String name) {}

    /** Every package of every module's src/main/java. */
    private static List<SourcePackage> sourcePackages() throws IOException {
        List<SourcePackage> packages = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root())) {
            for (Path module : modules.sorted().toList()) {
                Path sources = module.resolve(Path.of("src", "main", "java"));
                if (!Files.isDirectory(sources)) continue;
                try (Stream<Path> files = Files.walk(sources)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".java")).map(Path::getParent)
                            .distinct().sorted()
                            .forEach(dir -> packages.add(new SourcePackage(dir, packageName(sources.relativize(dir)))));
                }
            }
        }
        assertTrue(packages.size() > 20, "only " + packages + " found under " + root());
        return packages;
    }

    private static String packageName(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), ".");
    }

    /** The project's root, found from the working directory upwards (surefire runs in bootstrap/). */
    private static Path root() throws IOException {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("build-rules")) && Files.isRegularFile(dir.resolve("pom.xml"))) return dir;
        }
        throw new IOException("no project root (with build-rules/ and pom.xml) above " + start);
    }
}
