package io.ordersaga.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parsing of the test-only mutations; the fault suite's mutation runs show what each one breaks. */
class TestMutationsTest {

    @Test
    void everyMutationIsOffByDefault() {
        assertThat(TestMutations.inboxDedupeOff()).isFalse();
        assertThat(TestMutations.relayDeletesBeforeAck()).isFalse();
        assertThat(TestMutations.armed(null)).isEmpty();
        assertThat(TestMutations.armed(" ")).isEmpty();
    }

    @Test
    void armsTheNamedMutationsCommaSeparatedInAnyCase() {
        assertThat(TestMutations.armed("Inbox-No-Dedupe, relay-delete-before-ack"))
                .containsExactlyInAnyOrder(TestMutations.INBOX_NO_DEDUPE, TestMutations.RELAY_DELETE_BEFORE_ACK);
    }

    @Test
    void ignoresAnUnknownName() {
        assertThat(TestMutations.armed("inbox-no-dedup,relay-delete-before-ack"))
                .containsExactly(TestMutations.RELAY_DELETE_BEFORE_ACK);
    }
}
