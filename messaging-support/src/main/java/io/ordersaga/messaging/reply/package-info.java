/** Request/reply over Kafka (spring-kafka's ReplyingKafkaTemplate), with JSON payloads and no class names on the wire. */
package io.ordersaga.messaging.reply;
