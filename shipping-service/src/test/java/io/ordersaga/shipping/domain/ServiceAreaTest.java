package io.ordersaga.shipping.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceAreaTest {

    @Test
    void servesEveryCountryExceptTheUnservedOnes() {
        ServiceArea area = new ServiceArea(Set.of("AQ", "KP"));

        assertThat(area.serves("DE")).isTrue();
        assertThat(area.serves("US")).isTrue();
        assertThat(area.serves("AQ")).isFalse();
        assertThat(area.serves("KP")).isFalse();
    }

    @Test
    void comparesCountryCodesRegardlessOfCaseAndSpaces() {
        ServiceArea area = new ServiceArea(Set.of(" aq "));

        assertThat(area.serves("AQ")).isFalse();
        assertThat(area.serves("aq")).isFalse();
    }

    @Test
    void servesEverythingWhenNothingIsUnserved() {
        assertThat(new ServiceArea(Set.of()).serves("AQ")).isTrue();
    }
}
