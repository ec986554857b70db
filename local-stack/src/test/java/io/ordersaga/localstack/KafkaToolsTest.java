package io.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class KafkaToolsTest {

    @Test
    void consoleConsumerGetsTheLocalBrokerAndPrintsKeysHeadersAndTimestamps() {
        List<String> args = KafkaTools.consoleConsumerArgs(List.of("--topic", "order.events", "--from-beginning"));

        assertThat(args).containsExactly("--bootstrap-server", "localhost:9092", "--topic", "order.events",
                "--from-beginning", "--property", "print.key=true", "--property", "print.headers=true",
                "--property", "print.timestamp=true");
    }

    @Test
    void theUsersOwnChoicesWin() {
        List<String> args = KafkaTools.consoleConsumerArgs(List.of("--bootstrap-server", "broker:29092",
                "--topic", "t", "--property", "print.headers=false", "--formatter-config", "f.properties"));

        assertThat(args).containsExactly("--bootstrap-server", "broker:29092", "--topic", "t",
                "--property", "print.headers=false", "--formatter-config", "f.properties",
                "--property", "print.key=true", "--property", "print.timestamp=true");
        assertThat(KafkaTools.consoleConsumerArgs(List.of("--bootstrap-server=b:1", "--topic", "t")))
                .doesNotContain("localhost:9092");
    }

    @Test
    void helpIsPassedOnAlone() {
        assertThat(KafkaTools.consoleConsumerArgs(List.of("--help"))).containsExactly("--help");
        assertThat(KafkaTools.topicsArgs(List.of("--help"))).containsExactly("--help");
    }

    @Test
    void topicsListsUnlessAskedForSomethingElse() {
        assertThat(KafkaTools.topicsArgs(List.of()))
                .containsExactly("--bootstrap-server", "localhost:9092", "--list");
        assertThat(KafkaTools.topicsArgs(List.of("--describe", "--topic", "order.events")))
                .containsExactly("--bootstrap-server", "localhost:9092", "--describe", "--topic", "order.events");
    }
}
