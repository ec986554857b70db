package io.ordersaga.messaging.reply;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;

/** Sends a request and waits for its reply, matched by the {@code kafka_correlationId} header. */
public class RequestReplyClient implements SmartLifecycle {

    private static final Duration ASSIGNMENT_WAIT = Duration.ofSeconds(30);

    private final ReplyingKafkaTemplate<String, String, String> template;
    private final RequestReply json;

    RequestReplyClient(ProducerFactory<String, String> producers, ConcurrentMessageListenerContainer<String, String> replies,
                       Duration timeout, RequestReply json) {
        this.template = new ReplyingKafkaTemplate<>(producers, replies);
        this.template.setDefaultReplyTimeout(timeout);
        this.template.setSharedReplyTopic(true);
        this.json = json;
    }

    /**
     * Sends {@code request} as JSON to {@code topic} and returns the reply read as {@code replyType}.
     *
     * @throws ReplyTimeoutException when no reply comes within the timeout
     */
    public <T> T request(String topic, String key, Object request, Class<T> replyType) {
        try {
            ConsumerRecord<String, String> reply =
                    template.sendAndReceive(new ProducerRecord<>(topic, key, json.write(request))).get();
            return json.read(reply.value(), replyType);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KafkaReplyTimeoutException timeout) {
                throw new ReplyTimeoutException("No reply on " + topic + " in time", timeout);
            }
            throw new KafkaException("Request to " + topic + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while waiting for a reply from " + topic, e);
        }
    }

    /** Starts the reply consumer and waits for its partitions, so the first reply is not missed. */
    @Override
    public void start() {
        template.start();
        try {
            template.waitForAssignment(ASSIGNMENT_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        template.stop();
    }

    @Override
    public boolean isRunning() {
        return template.isRunning();
    }
}
