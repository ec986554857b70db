package io.ordersaga.inventory.adapter.messaging;

import io.ordersaga.events.QuoteRequest;
import io.ordersaga.events.Topics;
import io.ordersaga.inventory.application.QuoteService;
import io.ordersaga.messaging.reply.RequestReply;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Component;

/**
 * Answers quote requests (request/reply over Kafka): the reply goes to the request's reply topic, with its
 * correlation id, which spring-kafka copies from the request's headers.
 */
@Component
class QuoteRequestListener {

    private final QuoteService quotes;
    private final RequestReply json;

    QuoteRequestListener(QuoteService quotes, RequestReply json) {
        this.quotes = quotes;
        this.json = json;
    }

    @KafkaListener(topics = Topics.QUOTE_REQUESTS, groupId = "inventory-service-quotes",
            containerFactory = RequestReply.CONTAINER_FACTORY)
    @SendTo
    String quote(String request) {
        return json.write(quotes.quote(json.read(request, QuoteRequest.class)));
    }
}
