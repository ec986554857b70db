package io.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void noArgumentsRunEverythingWithTheDocumentedDefaults() {
        Options options = Options.parse();

        assertThat(options.command()).isEqualTo(Options.Command.RUN);
        assertThat(options.infraOnly()).isFalse();
        assertThat(options.wipe()).isFalse();
        assertThat(options.demoData()).isTrue();
        assertThat(options.dataDir()).isEqualTo(Path.of(".local-stack"));
        assertThat(options.repoRoot()).isEqualTo(Path.of("."));
        assertThat(options.readyTimeoutSeconds()).isEqualTo(120);
        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.controllerPort()).isEqualTo(9093);
        assertThat(options.postgresPort()).isEqualTo(5432);
        assertThat(options.kafkaBootstrapServers()).isEqualTo("localhost:9092");
        assertThat(options.serviceJvmOptions()).isEqualTo(Options.DEFAULT_SERVICE_JVM_OPTIONS);
    }

    @Test
    void flags() {
        Options options = Options.parse("--infra-only", "--wipe", "--no-demo-data", "--no-build",
                "--no-statement-stats");

        assertThat(Options.parse().statementStats()).isTrue();
        assertThat(options.statementStats()).isFalse();
        assertThat(options.infraOnly()).isTrue();
        assertThat(options.wipe()).isTrue();
        assertThat(options.demoData()).isFalse();
    }

    @Test
    void sagaOnlyLeavesOutAnalyticsAndTurnsOrderServicesReadModelsOff() {
        assertThat(Options.parse().sagaOnly()).isFalse();
        assertThat(Options.parse().services()).isEqualTo(ServiceSpec.ALL);

        Options options = Options.parse("--saga-only");

        assertThat(options.sagaOnly()).isTrue();
        assertThat(options.services()).extracting(ServiceSpec::module).containsExactly("order-service",
                "inventory-service", "payment-service", "shipping-service", "auth-server");
        Services services = new Services(options, new DataDirectory(Path.of("unused")), "localhost:9092",
                new LocalPostgres(Path.of("unused"), 5432, Path.of("unused.log"), true), System.out, () -> false);
        for (ServiceSpec spec : options.services()) {
            if (!spec.isIssuer()) {
                assertThat(services.environment(spec)).containsEntry("ORDERSAGA_READ_MODELS_ENABLED", "false");
            }
        }
        Services everything = new Services(Options.parse(), new DataDirectory(Path.of("unused")), "localhost:9092",
                new LocalPostgres(Path.of("unused"), 5432, Path.of("unused.log"), true), System.out, () -> false);
        assertThat(everything.environment(ServiceSpec.ALL.get(0))).doesNotContainKey("ORDERSAGA_READ_MODELS_ENABLED");
        assertThat(Options.usage()).contains("--saga-only");
    }

    @Test
    void optionsWithValuesInBothSpellings() {
        Options options = Options.parse("--data-dir", "/tmp/stack", "--repo-root=/src/ordersaga",
                "--ready-timeout", "90", "--kafka-port=19092", "--controller-port", "19093",
                "--postgres-port", "15432", "--service-jvm-opts", " -Xmx512m  -XX:+UseG1GC ");

        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/stack"));
        assertThat(options.repoRoot()).isEqualTo(Path.of("/src/ordersaga"));
        assertThat(options.readyTimeoutSeconds()).isEqualTo(90);
        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.controllerPort()).isEqualTo(19093);
        assertThat(options.postgresPort()).isEqualTo(15432);
        assertThat(options.kafkaBootstrapServers()).isEqualTo("localhost:19092");
        assertThat(options.serviceJvmOptions()).containsExactly("-Xmx512m", "-XX:+UseG1GC");
    }

    @Test
    void helpInEitherSpelling() {
        assertThat(Options.parse("--help").command()).isEqualTo(Options.Command.HELP);
        assertThat(Options.parse("--infra-only", "-h").command()).isEqualTo(Options.Command.HELP);
        assertThat(Options.usage()).contains("--infra-only", "--wipe", "--data-dir", "--no-demo-data",
                "console-consumer");
    }

    @Test
    void subcommandsPassTheirArgumentsThroughUntouched() {
        Options consumer = Options.parse("console-consumer", "--topic", "order.events", "--from-beginning",
                "--wipe");
        Options topics = Options.parse("topics", "--describe");

        assertThat(consumer.command()).isEqualTo(Options.Command.CONSOLE_CONSUMER);
        assertThat(consumer.toolArgs()).containsExactly("--topic", "order.events", "--from-beginning", "--wipe");
        assertThat(consumer.wipe()).isFalse();
        assertThat(topics.command()).isEqualTo(Options.Command.TOPICS);
        assertThat(topics.toolArgs()).containsExactly("--describe");
    }

    @Test
    void mistakesAreExplainedInOneSentence() {
        assertThatThrownBy(() -> Options.parse("--infra"))
                .isInstanceOf(Options.UsageException.class).hasMessageContaining("'--infra'");
        assertThatThrownBy(() -> Options.parse("start"))
                .isInstanceOf(Options.UsageException.class).hasMessageContaining("Unexpected argument 'start'");
        assertThatThrownBy(() -> Options.parse("--data-dir"))
                .isInstanceOf(Options.UsageException.class).hasMessageContaining("'--data-dir'");
        assertThatThrownBy(() -> Options.parse("--postgres-port", "abc"))
                .isInstanceOf(Options.UsageException.class).hasMessageContaining("'abc'");
        assertThatThrownBy(() -> Options.parse("--kafka-port", "70000"))
                .isInstanceOf(Options.UsageException.class).hasMessageContaining("between 1 and 65535");
        assertThatThrownBy(() -> Options.parse("--ready-timeout", "0"))
                .isInstanceOf(Options.UsageException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> Options.parse("--wipe=yes"))
                .isInstanceOf(Options.UsageException.class).hasMessageContaining("--wipe");
        assertThatThrownBy(() -> Options.parse("--kafka-port", "9093"))
                .isInstanceOf(Options.UsageException.class).hasMessageContaining("must differ");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        assertThat(Options.usage()).contains("--infra-only", "--wipe", "--data-dir=<path>", "--repo-root=<path>",
                "--no-demo-data", "--ready-timeout=<seconds>", "--kafka-port=<port>", "--controller-port=<port>",
                "--postgres-port=<port>", "--service-jvm-opts", "--no-build", "-h, --help", "(default: 9092)",
                "(default: .local-stack)", "-XX:+UseSerialGC", "topics ...").startsWith("Usage: bin/local-stack [options]");
    }

    @Test
    void aBadValueIsOneLineNamingOptionAndValue() {
        assertThatThrownBy(() -> Options.parse("--kafka-port", "abc"))
                .isInstanceOf(Options.UsageException.class)
                .hasMessageContaining("--kafka-port").hasMessageContaining("'abc'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void withersChangeOnlyWhatTheySay() {
        Options options = Options.defaults().withInfraOnly(true).withWipe(true).withDataDir(Path.of("x"))
                .withPorts(1, 2, 3);

        assertThat(options.infraOnly()).isTrue();
        assertThat(options.wipe()).isTrue();
        assertThat(options.dataDir()).isEqualTo(Path.of("x"));
        assertThat(List.of(options.kafkaPort(), options.controllerPort(), options.postgresPort()))
                .containsExactly(1, 2, 3);
        assertThat(options.demoData()).isTrue();
    }
}
