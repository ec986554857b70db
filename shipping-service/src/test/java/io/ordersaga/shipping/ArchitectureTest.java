package io.ordersaga.shipping;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ordersaga.shipping");

    @Test
    void domainDependsOnNoAdapterWebKafkaOrMessagingClasses() {
        noClasses().that().resideInAPackage("io.ordersaga.shipping.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ordersaga.shipping.adapter..",
                        "org.springframework.web..", "org.springframework.kafka..", "io.ordersaga.messaging..")
                .check(CLASSES);
    }

    @Test
    void applicationDependsOnNoAdapter() {
        noClasses().that().resideInAPackage("io.ordersaga.shipping.application..")
                .should().dependOnClassesThat().resideInAPackage("io.ordersaga.shipping.adapter..")
                .check(CLASSES);
    }
}
