package io.ordersaga.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordersaga.benchmarks.BenchmarkOptions.Loop;
import io.ordersaga.benchmarks.BenchmarkOptions.Mode;
import io.ordersaga.benchmarks.BenchmarkOptions.UsageException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void noArgumentsRunASelfContainedOpenLoopAt200PerSecondWithLimits() {
        BenchmarkOptions options = BenchmarkOptions.parse();

        assertThat(options.mode()).isEqualTo(Mode.SELF_CONTAINED);
        assertThat(options.loop()).isEqualTo(Loop.OPEN);
        assertThat(options.rates()).containsExactly(200);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.mixShare()).isZero();
        assertThat(options.limits()).isTrue();
        assertThat(options.hops()).isFalse();
        assertThat(options.urls()).containsExactly(URI.create("http://localhost:8081"),
                URI.create("http://localhost:8082"), URI.create("http://localhost:8083"),
                URI.create("http://localhost:8084"));
        assertThat(options.localStackJar()).isEqualTo(Path.of("local-stack/target/local-stack.jar"));
        assertThat(options.help()).isFalse();
    }

    @Test
    void closedLoopAgainstARunningSuiteInBothSpellings() {
        BenchmarkOptions options = BenchmarkOptions.parse("--mode=attach", "--loop", "closed", "--orders", "5000",
                "--clients=16", "--warmup", "0", "--mix", "0.1", "--order-url", "http://host:9000",
                "--kafka=host:9999", "--no-limits", "--out", "/tmp/results");

        assertThat(options.mode()).isEqualTo(Mode.ATTACH);
        assertThat(options.loop()).isEqualTo(Loop.CLOSED);
        assertThat(options.orders()).isEqualTo(5000);
        assertThat(options.clients()).isEqualTo(16);
        assertThat(options.warmup()).isZero();
        assertThat(options.mixShare()).isEqualTo(0.1);
        assertThat(options.urls().get(0)).isEqualTo(URI.create("http://host:9000"));
        assertThat(options.urls().get(1)).isEqualTo(URI.create("http://localhost:8082"));
        assertThat(options.kafkaBootstrap()).isEqualTo("host:9999");
        assertThat(options.limits()).isFalse();
        assertThat(options.outputDir()).isEqualTo(Path.of("/tmp/results"));
    }

    @Test
    void aFreshStackGetsAJitWarmUpAndARunningOneNoneUnlessAskedFor() {
        assertThat(BenchmarkOptions.parse().jitWarmup()).isEqualTo(Duration.ofMinutes(3));
        assertThat(BenchmarkOptions.parse("--jit-warmup", "0").jitWarmup()).isZero();
        assertThat(BenchmarkOptions.parse("--mode", "attach").jitWarmup()).isZero();
        assertThat(BenchmarkOptions.parse("--jit-warmup=60", "--mode", "attach").jitWarmup())
                .isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> BenchmarkOptions.parse("--jit-warmup", "-5")).isInstanceOf(UsageException.class)
                .hasMessage("--jit-warmup needs 0 or a positive whole number of seconds, not '-5'.");
    }

    @Test
    void hopsAreFollowedOnlyWhenAskedFor() {
        assertThat(BenchmarkOptions.parse("--mode", "attach", "--hops").hops()).isTrue();
        assertThatThrownBy(() -> BenchmarkOptions.parse("--hops=yes")).isInstanceOf(UsageException.class);
    }

    @Test
    void aSweepMeasuresOneStepPerRateInTheGivenOrder() {
        assertThat(BenchmarkOptions.parse("--sweep", "50,100, 400").rates()).isEqualTo(List.of(50, 100, 400));
    }

    @Test
    void refusesWhatMakesNoSense() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rate", "0")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--rate needs a positive whole number");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--mix", "0.5")).isInstanceOf(UsageException.class)
                .hasMessageContaining("from 0 to 0.3");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--mix", "NaN")).isInstanceOf(UsageException.class)
                .hasMessageContaining("from 0 to 0.3");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--loop", "half-open")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> BenchmarkOptions.parse("--duration")).isInstanceOf(UsageException.class)
                .hasMessageContaining("Missing required parameter for option '--duration'");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--no-limits=yes")).isInstanceOf(UsageException.class)
                .hasMessageContaining("'--no-limits' should be specified without 'yes' parameter");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--frobnicate")).isInstanceOf(UsageException.class)
                .hasMessageContaining("Unknown option: '--frobnicate'");
    }

    @Test
    void theTitleNamesTheLoadAndTheMix() {
        assertThat(BenchmarkOptions.parse("--rate", "300", "--mix", "0.1").describeLoad(300))
                .isEqualTo("open loop, 300 orders/s for 60 s (warm-up 20 s), mix: 10% out of stock, 10% declined,"
                        + " 10% unserved");
        assertThat(BenchmarkOptions.parse("--loop", "closed", "--orders", "100", "--clients", "4").describeLoad(0))
                .isEqualTo("closed loop, 100 orders from 4 clients (warm-up 20 s), every order completes");
        assertThat(BenchmarkOptions.parse("--sweep", "20,150", "--arrivals", "poisson").describeLoad(20))
                .isEqualTo("open loop, 20 orders/s (Poisson arrivals) for 60 s, each step 3 times in a random order"
                        + " (seed 1) (warm-up 20 s), every order completes");
    }

    @Test
    void aSweepRepeatsEachRateThreeTimesInASeededRandomOrder() {
        BenchmarkOptions sweep = BenchmarkOptions.parse("--sweep", "20,150", "--seed", "5");

        assertThat(sweep.repeats()).isEqualTo(3);
        assertThat(sweep.plan()).hasSize(6).containsExactlyInAnyOrder(new BenchmarkOptions.Step(20, 0),
                new BenchmarkOptions.Step(20, 1), new BenchmarkOptions.Step(20, 2), new BenchmarkOptions.Step(150, 0),
                new BenchmarkOptions.Step(150, 1), new BenchmarkOptions.Step(150, 2));
        assertThat(sweep.plan()).as("the same seed, the same order").isEqualTo(sweep.plan());
        assertThat(BenchmarkOptions.parse("--sweep", "20,150", "--seed", "6").plan()).isNotEqualTo(sweep.plan());
        assertThat(BenchmarkOptions.parse("--rate", "20").repeats()).isEqualTo(1);
        assertThat(BenchmarkOptions.parse("--sweep", "20,150", "--repeats", "5").plan()).hasSize(10);
    }

    @Test
    void arrivalsAndTheJitThresholdAreOptions() {
        BenchmarkOptions options = BenchmarkOptions.parse("--arrivals", "poisson", "--jit-quiet", "20");

        assertThat(options.arrivals()).isEqualTo(io.ordersaga.benchmarks.load.Arrivals.POISSON);
        assertThat(options.jitQuiet()).isEqualTo(20);
        assertThat(BenchmarkOptions.parse().arrivals()).isEqualTo(io.ordersaga.benchmarks.load.Arrivals.UNIFORM);
        assertThat(BenchmarkOptions.parse().jitQuiet()).isEqualTo(50);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchmarkOptions.parse("--arrivals", "bursty"))
                .isInstanceOf(BenchmarkOptions.UsageException.class).hasMessageContaining("'uniform' or 'poisson'");
        assertThat(BenchmarkOptions.usage()).contains("--arrivals", "--seed", "--repeats", "--jit-quiet");
    }

    /** Every option the hand-written parser knew; the picocli declaration must keep each of them. */
    static final List<String> OPTIONS = List.of("--mode", "--loop", "--rate", "--sweep", "--duration", "--orders",
            "--clients", "--warmup", "--jit-warmup", "--mix", "--products", "--customers", "--connections",
            "--drain-timeout", "--out", "--plot", "--order-url", "--inventory-url", "--payment-url", "--shipping-url",
            "--kafka", "--postgres-url", "--postgres-user", "--postgres-password", "--local-stack-jar",
            "--service-jvm-opts", "--arrivals", "--seed", "--repeats", "--jit-quiet", "--no-limits", "--hops",
            "--keep-data", "--saga-only", "--no-build", "-h", "--help");

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String usage = BenchmarkOptions.usage();
        String text = usage.replaceAll("\\s+", " "); // picocli wraps the descriptions at spaces

        assertThat(usage).startsWith("Usage: bin/benchmark [options]");
        assertThat(text).contains(OPTIONS)
                .contains("--mode=self-contained|attach", "(default: self-contained)", "--loop=open|closed",
                        "(default: open)", "(default: 200)", "(default: 60)", "(default: 20000)", "(default: 64)",
                        "(default: 20)", "(default: 180 in self-contained mode, 0 in attach mode)", "(default: 50)",
                        "(default: 0)", "(default: 100)", "(default: 500)", "(default: 256)", "(default: 120)",
                        "(default: benchmark-results)", "(default: http://localhost:8081)",
                        "(default: http://localhost:8084)", "(default: localhost:9092)",
                        "(default: jdbc:postgresql://localhost:5432/postgres)", "(default: postgres)",
                        "(default: local-stack/target/local-stack.jar)", "\"-Xms256m -Xmx384m -XX:+UseSerialGC\"",
                        "(default: uniform)", "(default: 1)", "(default: 3 with --sweep, else 1)",
                        "10% out of stock", "ORDERSAGA_ISSUER_URI");
        picocli.CommandLine.Model.CommandSpec spec = new picocli.CommandLine(new BenchmarkOptions.Cli()).getCommandSpec();
        assertThat(OPTIONS).allSatisfy(name -> assertThat(spec.findOption(name)).as(name).isNotNull());
        // Each option picocli knows shows its default in the help, so no default goes unmentioned.
        spec.options().stream()
                .filter(option -> option.defaultValue() != null)
                .forEach(option -> assertThat(text).as(option.longestName())
                        .containsAnyOf("(default: " + option.defaultValue() + ")",
                                "(default: \"" + option.defaultValue() + "\""));
        assertThat(BenchmarkOptions.parse("-h").help()).isTrue();
        assertThat(BenchmarkOptions.parse("--help").help()).isTrue();
    }

    @Test
    void aBadValueIsOneLineNamingOptionAndValue() {
        // the arguments, then the option and the value the message must name
        List<List<String>> mistakes = List.of(List.of("--rate abc", "--rate", "abc"),
                List.of("--mode sideways", "--mode", "sideways"), List.of("--duration -5", "--duration", "-5"),
                List.of("--mix lots", "--mix", "lots"), List.of("--seed x1", "--seed", "x1"),
                List.of("--order-url http://a|b", "--order-url", "http://a|b"), List.of("--sweep 10,x", "--sweep", "x"),
                List.of("--hops=please", "--hops", "please"), List.of("--clients=0", "--clients", "0"),
                List.of("--frobnicate", "--frobnicate", "--frobnicate"), List.of("stray", "argument", "stray"));
        for (List<String> mistake : mistakes) {
            assertThatThrownBy(() -> BenchmarkOptions.parse(mistake.get(0).split(" "))).as(mistake.get(0))
                    .isInstanceOf(UsageException.class).hasMessageContaining(mistake.get(1))
                    .hasMessageContaining("'" + mistake.get(2) + "'")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void repeatedOptionsTakeTheLastValueAndRateAndSweepTheLastGiven() {
        assertThat(BenchmarkOptions.parse("--duration", "10", "--duration", "30").duration())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(BenchmarkOptions.parse("--rate", "100", "--sweep", "10,20").rates()).containsExactly(10, 20);
        assertThat(BenchmarkOptions.parse("--sweep", "10,20", "--rate", "100").rates()).containsExactly(100);
        assertThat(BenchmarkOptions.parse("--sweep", "10,20", "--rate", "100").repeats()).isEqualTo(1);
        assertThatThrownBy(() -> BenchmarkOptions.parse("--sweep", ",")).hasMessage("--sweep needs at least one rate.");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--sweep", "10,,20")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rate", "10,20")).isInstanceOf(UsageException.class);
    }

    @Test
    void theDefaultsAreWhatARunWithoutArgumentsDoes() {
        BenchmarkOptions options = BenchmarkOptions.defaults();

        assertThat(options).isEqualTo(BenchmarkOptions.parse());
        assertThat(options.orders()).isEqualTo(20_000);
        assertThat(options.clients()).isEqualTo(64);
        assertThat(options.products()).isEqualTo(100);
        assertThat(options.customers()).isEqualTo(500);
        assertThat(options.connections()).isEqualTo(256);
        assertThat(options.drainTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(options.outputDir()).isEqualTo(Path.of("benchmark-results"));
        assertThat(options.plot()).isNull();
        assertThat(options.kafkaBootstrap()).isEqualTo("localhost:9092");
        assertThat(options.postgresUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(options.postgresUser()).isEqualTo("postgres");
        assertThat(options.postgresPassword()).isEmpty();
        assertThat(options.serviceJvmOptions()).isEqualTo("-Xms256m -Xmx384m -XX:+UseSerialGC");
        assertThat(options.keepData()).isFalse();
        assertThat(options.sagaOnly()).isFalse();
        assertThat(options.seed()).isEqualTo(1L);
        assertThat(options.repeats()).isEqualTo(1);
        assertThat(options.jitQuiet()).isEqualTo(50);
    }

    @Test
    void everyValueReachesItsField() {
        BenchmarkOptions options = BenchmarkOptions.parse("--mode", "ATTACH", "--products", "7", "--customers", "8",
                "--connections", "9", "--drain-timeout", "10", "--plot", "p.png", "--inventory-url", "http://i:1",
                "--payment-url", "http://p:2", "--shipping-url", "http://s:3", "--postgres-url", "jdbc:postgresql://db/x",
                "--postgres-user", "u", "--postgres-password", "@pom.xml", "--local-stack-jar", "ls.jar",
                "--service-jvm-opts", " -Xmx1g ", "--keep-data", "--saga-only", "--no-build", "--seed", "-3", "--repeats", "2",
                "--duration", "11", "--sweep", "1,2", "--loop", "open", "--arrivals", "Uniform");

        assertThat(options.mode()).isEqualTo(Mode.ATTACH);
        assertThat(options.products()).isEqualTo(7);
        assertThat(options.customers()).isEqualTo(8);
        assertThat(options.connections()).isEqualTo(9);
        assertThat(options.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.plot()).isEqualTo(Path.of("p.png"));
        assertThat(options.urls()).containsExactly(URI.create("http://localhost:8081"), URI.create("http://i:1"),
                URI.create("http://p:2"), URI.create("http://s:3"));
        assertThat(options.postgresUrl()).isEqualTo("jdbc:postgresql://db/x");
        assertThat(options.postgresUser()).isEqualTo("u");
        assertThat(options.postgresPassword()).as("taken literally, not as picocli's @file").isEqualTo("@pom.xml");
        assertThat(options.localStackJar()).isEqualTo(Path.of("ls.jar"));
        assertThat(options.serviceJvmOptions()).isEqualTo("-Xmx1g");
        assertThat(options.keepData()).isTrue();
        assertThat(options.sagaOnly()).isTrue();
        assertThat(options.seed()).isEqualTo(-3L);
        assertThat(options.repeats()).isEqualTo(2);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(11));
        assertThat(options.rates()).containsExactly(1, 2);
        assertThat(options.arrivals()).isEqualTo(io.ordersaga.benchmarks.load.Arrivals.UNIFORM);
    }
}
