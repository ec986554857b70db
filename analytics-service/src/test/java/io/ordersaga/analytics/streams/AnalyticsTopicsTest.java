package io.ordersaga.analytics.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.analytics.config.AnalyticsProperties;
import io.ordersaga.events.Topics;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class AnalyticsTopicsTest {

    private static final String APP = TopologyFixture.APPLICATION_ID;
    private static final AnalyticsProperties PROPERTIES = AnalyticsProperties.defaults();

    private final TopologyDescription topology = TopologyFixture.topology(PROPERTIES).describe();

    @Test
    void everyTopicTheTopologyWritesOrKeepsStateInIsDeclared() {
        Set<String> sinks = nodes(TopologyDescription.Sink.class).map(TopologyDescription.Sink::topic)
                .map(topic -> topic.endsWith("-repartition") ? APP + "-" + topic : topic)
                .collect(Collectors.toSet());
        Set<String> changelogs = nodes(TopologyDescription.Processor.class)
                .flatMap(processor -> processor.stores().stream())
                .map(store -> AnalyticsTopics.changelogTopic(APP, store))
                .collect(Collectors.toSet());

        Set<String> declared = AnalyticsTopics.declarations(APP, PROPERTIES).stream()
                .map(AnalyticsTopics.Declaration::name).collect(Collectors.toSet());

        assertThat(declared).containsExactlyInAnyOrderElementsOf(
                Stream.concat(sinks.stream(), changelogs.stream()).collect(Collectors.toSet()));
    }

    @Test
    void theTopologyReadsTheFourSagaTopicsAndItsOwnRepartitionTopics() {
        Set<String> sources = nodes(TopologyDescription.Source.class)
                .flatMap(source -> source.topicSet().stream()).collect(Collectors.toSet());

        assertThat(sources).containsAll(Topics.SAGA_TOPICS)
                .allMatch(topic -> Topics.SAGA_TOPICS.contains(topic) || topic.endsWith("-repartition"));
    }

    @Test
    void windowedChangelogsOutliveTheirStoresAndKeyValueChangelogsAreCompacted() {
        AnalyticsTopics.Declaration revenue = declaration(AnalyticsTopics.changelogTopic(APP,
                AnalyticsTopics.CUSTOMER_REVENUE_WINDOWS));
        assertThat(revenue.config()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(PROPERTIES.revenue().retention().plusDays(1).toMillis()));
        assertThat(declaration(AnalyticsTopics.changelogTopic(APP, AnalyticsTopics.ORDER_JOURNEYS)).config())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
    }

    private <T extends TopologyDescription.Node> Stream<T> nodes(Class<T> type) {
        return topology.subtopologies().stream().flatMap(subtopology -> subtopology.nodes().stream())
                .filter(type::isInstance).map(type::cast);
    }

    private static AnalyticsTopics.Declaration declaration(String name) {
        return AnalyticsTopics.declarations(APP, PROPERTIES).stream()
                .filter(declaration -> declaration.name().equals(name)).findFirst().orElseThrow();
    }
}
