package io.ordersaga.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ordersaga.order");

    @Test
    void domainDependsOnNoAdapterWebKafkaOrMessagingClasses() {
        noClasses().that().resideInAPackage("io.ordersaga.order.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.ordersaga.order.adapter..", "io.ordersaga.order.application..",
                        "org.springframework.web..", "org.springframework.kafka..", "io.ordersaga.messaging..")
                .check(CLASSES);
    }

    @Test
    void applicationDependsOnNoAdapter() {
        noClasses().that().resideInAPackage("io.ordersaga.order.application..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ordersaga.order.adapter..",
                        "org.springframework.web..", "org.springframework.kafka..")
                .check(CLASSES);
    }
}
