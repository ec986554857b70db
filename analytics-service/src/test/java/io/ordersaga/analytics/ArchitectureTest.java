package io.ordersaga.analytics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ordersaga.analytics");

    @Test
    void domainDependsOnNoKafkaSpringOrOtherPackageOfTheService() {
        noClasses().that().resideInAPackage("io.ordersaga.analytics.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.ordersaga.analytics.streams..", "io.ordersaga.analytics.query..",
                        "io.ordersaga.analytics.live..", "io.ordersaga.analytics.adapter..",
                        "org.apache.kafka..", "org.springframework..", "io.ordersaga.messaging..")
                .check(CLASSES);
    }

    @Test
    void theTopologyKnowsNothingOfTheWebOrTheLiveFeed() {
        noClasses().that().resideInAPackage("io.ordersaga.analytics.streams..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.ordersaga.analytics.query..", "io.ordersaga.analytics.live..",
                        "io.ordersaga.analytics.adapter..", "org.springframework.web..")
                .check(CLASSES);
    }

    @Test
    void queriesDependOnNoAdapterOrLiveFeed() {
        noClasses().that().resideInAPackage("io.ordersaga.analytics.query..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.ordersaga.analytics.adapter..", "io.ordersaga.analytics.live..",
                        "org.springframework.web..")
                .check(CLASSES);
    }
}
