package io.kadring.overlay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import de.thetaphi.forbiddenapis.Checker;
import de.thetaphi.forbiddenapis.ForbiddenApiException;
import de.thetaphi.forbiddenapis.Logger;
import io.kadring.overlay.vertx.VertxEnvironment;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The seam of docs/design.md as a readable test: core code (overlay's node, wire, env and metrics
 * packages; the routing, crypto and storage modules) runs in virtual time inside the
 * simulator, so it uses no Vert.x, reads no system clock and creates no unseeded Random.
 * The build enforces the same with forbiddenapis and build-rules/forbidden-core.txt; the
 * last test shows that rule file really catches a violation.
 */
final class CoreArchitectureTest {
    private static final String[] CORE = {
        "io.kadring.overlay.node", "io.kadring.overlay.wire", "io.kadring.overlay.env", "io.kadring.overlay.metrics",
        "io.kadring.routing", "io.kadring.crypto", "io.kadring.storage",
    };

    private static final JavaClasses CORE_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(CORE);

    private static final ArchRule NO_VERTX = noClasses().should().dependOnClassesThat().resideInAPackage("io.vertx..")
            .because("core code runs inside the simulator; Vert.x lives in io.kadring.overlay.vertx only");

    private static final ArchRule NO_SYSTEM_CLOCK = noClasses().should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(Instant.class, "now", Clock.class)
            .because("core code takes time from the Environment's clock, so it runs in virtual time");

    private static final ArchRule NO_UNSEEDED_RANDOM = noClasses().should().callConstructor(Random.class)
            .because("core code uses the seeded RandomGenerator it is handed, so runs are reproducible");

    @Test
    void coreClasses_areImportedFromEveryCorePackage() {
        for (String pkg : CORE) {
            assertTrue(CORE_CLASSES.stream().anyMatch(c -> c.getPackageName().equals(pkg)),
                    "no classes of " + pkg + " on the classpath: the rules below would pass vacuously");
        }
    }

    @Test
    void coreClasses_doNotDependOnVertx() {
        NO_VERTX.check(CORE_CLASSES);
    }

    @Test
    void coreClasses_doNotReadTheSystemClock() {
        NO_SYSTEM_CLOCK.check(CORE_CLASSES);
    }

    @Test
    void coreClasses_doNotCreateAnUnseededRandom() {
        NO_UNSEEDED_RANDOM.check(CORE_CLASSES);
    }

    @Test
    void rules_failOnClassesThatBreakThem() {
        JavaClasses fixtures = new ClassFileImporter().importClasses(
                ReadsTheClock.class, MakesAnUnseededRandom.class, UsesASeed.class, VertxEnvironment.class);
        AssertionError clock = assertThrows(AssertionError.class, () -> NO_SYSTEM_CLOCK.check(fixtures));
        assertTrue(clock.getMessage().contains("ReadsTheClock") && clock.getMessage().contains("VertxEnvironment"),
                clock.getMessage());
        AssertionError random = assertThrows(AssertionError.class, () -> NO_UNSEEDED_RANDOM.check(fixtures));
        assertTrue(random.getMessage().contains("MakesAnUnseededRandom") && !random.getMessage().contains("UsesASeed"),
                random.getMessage());
        AssertionError vertx = assertThrows(AssertionError.class, () -> NO_VERTX.check(fixtures));
        assertTrue(vertx.getMessage().contains("VertxEnvironment"), vertx.getMessage());
    }

    @Test
    void forbiddenApisRule_catchesAClockReadAndAnUnseededRandom_andPassesSeededCode() throws Exception {
        Path signatures = signaturesFile();

        List<String> clockErrors = new ArrayList<>();
        Checker clock = checker(signatures, clockErrors);
        addFixture(clock, ReadsTheClock.class);
        assertThrows(ForbiddenApiException.class, clock::run);
        assertTrue(clockErrors.stream().anyMatch(e -> e.contains("java.lang.System#currentTimeMillis()")),
                "the violation names the forbidden call: " + clockErrors);

        List<String> randomErrors = new ArrayList<>();
        Checker random = checker(signatures, randomErrors);
        addFixture(random, MakesAnUnseededRandom.class);
        assertThrows(ForbiddenApiException.class, random::run);
        assertTrue(randomErrors.stream().anyMatch(e -> e.contains("java.util.Random#<init>()")), randomErrors.toString());

        List<String> seededErrors = new ArrayList<>();
        Checker seeded = checker(signatures, seededErrors);
        addFixture(seeded, UsesASeed.class);
        assertDoesNotThrow(seeded::run);
        assertFalse(seededErrors.stream().anyMatch(e -> e.contains("Forbidden")), seededErrors.toString());
    }

    // ---- forbiddenapis, used as a library ---------------------------------------------

    private static Checker checker(Path signatures, List<String> errors) throws Exception {
        Logger logger = new Logger() {
            @Override
            public void error(String msg) {
                errors.add(msg);
            }

            @Override
            public void warn(String msg) {
                errors.add(msg);
            }

            @Override
            public void info(String msg) {}

            @Override
            public void debug(String msg) {}
        };
        Checker checker = new Checker(logger, CoreArchitectureTest.class.getClassLoader(),
                Checker.Option.FAIL_ON_VIOLATION, Checker.Option.IGNORE_SIGNATURES_OF_MISSING_CLASSES);
        checker.parseSignaturesFile(signatures.toFile());
        return checker;
    }

    private static void addFixture(Checker checker, Class<?> c) throws IOException {
        String name = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = c.getResourceAsStream(name)) {
            if (in == null) throw new AssertionError("no class file for " + c.getName());
            checker.streamReadClassToCheck(in, c.getName());
        }
    }

    /** build-rules/forbidden-core.txt, found from the working directory upwards (surefire runs in overlay/). */
    private static Path signaturesFile() throws IOException {
        for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            Path candidate = dir.toPath().resolve("build-rules").resolve("forbidden-core.txt");
            if (Files.isRegularFile(candidate)) return candidate;
        }
        throw new IOException("build-rules/forbidden-core.txt not found above " + new File("").getAbsolutePath());
    }

    // ---- fixtures the checker reads (never run) -------------------------------------------

    /** What core code must not do: read the wall clock. */
    static final class ReadsTheClock {
        long stamp() {
            return System.currentTimeMillis();
        }
    }

    /** What core code must not do: a Random seeded from the clock. */
    static final class MakesAnUnseededRandom {
        int roll() {
            return new Random().nextInt(6);
        }
    }

    /** What core code may do: randomness from a seed it was given. */
    static final class UsesASeed {
        int roll(long seed) {
            return new Random(seed).nextInt(6) + new SplittableRandom(seed).nextInt(6);
        }
    }
}
