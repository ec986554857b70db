package io.ordersaga.order.quote;

import io.ordersaga.events.Topics;
import io.ordersaga.messaging.reply.RequestReply;
import io.ordersaga.messaging.reply.RequestReplyClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class QuoteConfiguration {

    /** Waits {@code ordersaga.quote.timeout} (default 2 s) for inventory's answer. */
    @Bean
    RequestReplyClient quoteClient(RequestReply requestReply,
                                   @Value("${ordersaga.quote.timeout:2s}") Duration timeout) {
        return requestReply.client(Topics.QUOTE_REPLIES, timeout);
    }
}
