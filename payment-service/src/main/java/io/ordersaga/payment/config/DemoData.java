package io.ordersaga.payment.config;

import io.ordersaga.messaging.web.ConflictException;
import io.ordersaga.payment.application.PaymentService;
import java.math.BigDecimal;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Funded demo accounts ({@code ordersaga.demo-data=true}); bob cannot afford much, for the payment-declined demo.
 * An account that exists already is left as it is, so restarts change nothing.
 */
@Component
@ConditionalOnProperty("ordersaga.demo-data")
public class DemoData implements ApplicationRunner {

    static final Map<String, BigDecimal> ACCOUNTS = Map.of(
            "alice", new BigDecimal("1000.00"),
            "carol", new BigDecimal("5000.00"),
            "bob", new BigDecimal("20.00"));
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final PaymentService payments;

    DemoData(PaymentService payments) {
        this.payments = payments;
    }

    @Override
    public void run(ApplicationArguments args) {
        ACCOUNTS.forEach((customerId, balance) -> {
            try {
                payments.openAccount(customerId, balance);
            } catch (ConflictException e) {
                log.debug("Demo account {} exists already", customerId);
            }
        });
    }
}
