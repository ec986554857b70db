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
        assertThatThrownBy(() -> BenchmarkOptions.parse("--jit-warmup", "-5")).isInstanceOf(UsageException.class);
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
        assertThatThrownBy(() -> BenchmarkOptions.parse("--loop", "half-open")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> BenchmarkOptions.parse("--duration")).isInstanceOf(UsageException.class)
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--no-limits=yes")).isInstanceOf(UsageException.class)
                .hasMessageContaining("takes no value");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--frobnicate")).isInstanceOf(UsageException.class)
                .hasMessageContaining("Unknown option '--frobnicate'");
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
}
