package io.ordersaga.inventory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ordersaga.inventory");

    @Test
    void domainDependsOnNoAdapterWebKafkaOrMessagingClasses() {
        ArchRule rule = noClasses().that().resideInAPackage("..inventory.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "..inventory.adapter..", "org.springframework.web..", "org.springframework.kafka..",
                        "io.ordersaga.messaging..");
        rule.check(CLASSES);
    }

    @Test
    void domainAndApplicationDoNotDependOnAdapters() {
        ArchRule rule = noClasses().that().resideInAnyPackage("..inventory.domain..", "..inventory.application..")
                .should().dependOnClassesThat().resideInAPackage("..inventory.adapter..");
        rule.check(CLASSES);
    }
}
