package io.ordersaga.analytics.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock that "the last 15 minutes" is measured by, and the scheduler of the dashboard's ticks. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
