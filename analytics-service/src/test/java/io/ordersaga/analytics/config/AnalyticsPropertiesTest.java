package io.ordersaga.analytics.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AnalyticsPropertiesTest {

    @Test
    void theDefaultsForToolsAndTestsAreTheDefaultsSpringBinds() {
        AnalyticsProperties bound = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("ordersaga.analytics", AnalyticsProperties.class);

        assertThat(AnalyticsProperties.defaults()).isEqualTo(bound);
    }

    @Test
    void theLessonsWindowsAreTheDefaults() {
        AnalyticsProperties defaults = AnalyticsProperties.defaults();

        assertThat(defaults.highValueThreshold()).isEqualTo(new BigDecimal("100.00"));
        assertThat(defaults.bursts().threshold()).isEqualTo(10);
        assertThat(defaults.bursts().window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.revenue().window()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aSettingOverridesItsDefault() {
        AnalyticsProperties bound = new Binder(new MapConfigurationPropertySource(Map.of(
                "ordersaga.analytics.bursts.threshold", "20", "ordersaga.analytics.high-value-threshold", "50.00")))
                .bindOrCreate("ordersaga.analytics", AnalyticsProperties.class);

        assertThat(bound.bursts().threshold()).isEqualTo(20);
        assertThat(bound.highValueThreshold()).isEqualTo(new BigDecimal("50.00"));
        assertThat(bound.bursts().window()).isEqualTo(Duration.ofMinutes(5));
    }
}
