package io.kadring.overlay.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.kadring.overlay.env.Environment;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The shape of the node core (docs/design.md, "Procedures as state machines") as rules that fail
 * the build: no component holds the {@link Node}, and procedures do no IO, keep no timers and
 * complete no futures: the driver does.
 */
final class NodeShapeTest {
    private static final JavaClasses NODE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kadring.overlay.node");

    @Test
    void theRulesSeeTheProcedures() {
        assertTrue(NODE.stream().filter(c -> c.isAssignableTo(Procedure.class)).count() >= 9,
                "the procedures were imported: the rules below would pass vacuously");
    }

    @Test
    void noComponentHoldsTheNode() {
        noClasses().that().haveNameNotMatching("io\\.kadring\\.overlay\\.node\\.Node(\\$.*)?")
                .should().dependOnClassesThat().areAssignableTo(Node.class)
                .because("each component gets the narrow interfaces it needs, never the whole node")
                .check(NODE);
    }

    @Test
    void proceduresDoNoIo_keepNoTimers_andCompleteNoFutures() {
        noClasses().that().areAssignableTo(Procedure.class)
                .should().dependOnClassesThat().areAssignableTo(RpcEngine.class)
                .orShould().dependOnClassesThat().areAssignableTo(Procedures.class)
                .orShould().dependOnClassesThat().areAssignableTo(Environment.class)
                .orShould().dependOnClassesThat().areAssignableTo(Scheduler.class)
                .orShould().dependOnClassesThat().areAssignableTo(CompletableFuture.class)
                .because("a procedure is fed replies, failures and the time, and says what to send next")
                .check(NODE);
    }
}
