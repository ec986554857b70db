package io.ordersaga.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.ordersaga.payment");

    @Test
    void domainDependsOnNoAdapterWebKafkaOrMessagingClasses() {
        noClasses().that().resideInAPackage("..payment.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("..adapter..", "org.springframework.web..",
                        "org.springframework.kafka..", "io.ordersaga.messaging..")
                .check(classes);
    }

    @Test
    void applicationDependsOnNoAdapter() {
        noClasses().that().resideInAPackage("..payment.application..")
                .should().dependOnClassesThat().resideInAPackage("..payment.adapter..")
                .check(classes);
    }
}
