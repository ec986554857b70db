package io.ordersaga.systemtests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The services talk only through events: none of them may use another's classes, or plumbing of its own. */
class ModuleBoundariesTest {

    private static final List<String> SERVICES = List.of("order", "inventory", "payment", "shipping");

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ordersaga");

    @Test
    void noServiceDependsOnAnotherService() {
        for (String service : SERVICES) {
            String[] others = SERVICES.stream().filter(other -> !other.equals(service))
                    .map(other -> "io.ordersaga." + other + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("io.ordersaga." + service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .allowEmptyShould(false)
                    .check(classes);
        }
    }

    @Test
    void servicesUseTheSharedPlumbingInsteadOfTalkingToKafkaDirectly() {
        noClasses().that().resideInAnyPackage(SERVICES.stream().map(s -> "io.ordersaga." + s + "..").toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka.clients.producer..")
                .orShould().dependOnClassesThat().haveSimpleName("KafkaTemplate")
                .allowEmptyShould(false)
                .check(classes);
    }
}
