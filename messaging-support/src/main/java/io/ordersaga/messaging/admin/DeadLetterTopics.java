package io.ordersaga.messaging.admin;

import io.ordersaga.events.Topics;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;

/**
 * This service's dead-letter topics: {@code <topic>.<group>.dlt} for every topic and consumer group its listener
 * containers consume (the error handler names dead letters after the container's group), the main group's for each
 * entry of {@code ordersaga.messaging.consumed-topics}, and any dead-letter topic declared as a {@link NewTopic}
 * bean. Topics that do not exist on the broker (a group whose error handler never dead-letters) are skipped.
 */
class DeadLetterTopics {

    private final List<String> consumedTopics;
    private final String group;
    private final ObjectProvider<KafkaListenerEndpointRegistry> listeners;
    private final ObjectProvider<NewTopic> declared;

    DeadLetterTopics(List<String> consumedTopics, String group, ObjectProvider<KafkaListenerEndpointRegistry> listeners,
                     ObjectProvider<NewTopic> declared) {
        this.consumedTopics = List.copyOf(consumedTopics);
        this.group = group;
        this.listeners = listeners;
        this.declared = declared;
    }

    /** The names, sorted. Asked anew each time: a service may start listener containers later (a replay, say). */
    SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>();
        consumedTopics.forEach(topic -> names.add(Topics.deadLetter(topic, group)));
        listeners.ifAvailable(registry -> registry.getAllListenerContainers().forEach(container -> {
            String containerGroup = container.getGroupId();
            if (containerGroup != null) {
                topicsOf(container).filter(topic -> !Topics.isDeadLetter(topic))
                        .forEach(topic -> names.add(Topics.deadLetter(topic, containerGroup)));
            }
        }));
        declared.orderedStream().map(NewTopic::name).filter(Topics::isDeadLetter).forEach(names::add);
        return Collections.unmodifiableSortedSet(names);
    }

    boolean contains(String topic) {
        return names().contains(topic);
    }

    private static Stream<String> topicsOf(MessageListenerContainer container) {
        ContainerProperties properties = container.getContainerProperties();
        Stream<String> topics = properties.getTopics() == null ? Stream.empty() : Arrays.stream(properties.getTopics());
        Stream<String> assigned = properties.getTopicPartitions() == null ? Stream.empty()
                : Arrays.stream(properties.getTopicPartitions()).map(TopicPartitionOffset::getTopic);
        return Stream.concat(topics, assigned).distinct();
    }
}
