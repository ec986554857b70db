package io.ordersaga.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordersaga.messaging.outbox.PgOutput.Begin;
import io.ordersaga.messaging.outbox.PgOutput.Commit;
import io.ordersaga.messaging.outbox.PgOutput.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The logical outbox's own bytes, pgoutput's messages as the relay reads them, and its start checks. */
class LogicalOutboxTest {

    @Test
    void anEventSurvivesItsMessageWithAllARowHolds() {
        OutboxEvent event = new OutboxEvent(UUID.randomUUID(), "order.events", "order-ä", "OrderPlaced", 3,
                "{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8), "00-abc-def-01");
        OutboxEvent untraced = new OutboxEvent(UUID.randomUUID(), "t", "k", "T", 1, new byte[0], null);

        assertThat(OutboxMessage.decode(ByteBuffer.wrap(OutboxMessage.encode(event))))
                .usingRecursiveComparison().isEqualTo(event);
        assertThat(OutboxMessage.decode(ByteBuffer.wrap(OutboxMessage.encode(untraced))))
                .usingRecursiveComparison().isEqualTo(untraced);
    }

    @Test
    void aMessageOfAnotherVersionOrCutShortIsRefusedWithTheReason() {
        byte[] bytes = OutboxMessage.encode(new OutboxEvent(UUID.randomUUID(), "t", "k", "T", 1, new byte[4], null));
        byte[] later = bytes.clone();
        later[0] = 2;

        assertThatThrownBy(() -> OutboxMessage.decode(ByteBuffer.wrap(later)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2");
        assertThatThrownBy(() -> OutboxMessage.decode(ByteBuffer.wrap(bytes, 0, bytes.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    }

    @Test
    void readsBeginMessageAndCommitOfPgoutputVersion1() {
        ByteBuffer begin = ByteBuffer.allocate(21).put((byte) 'B').putLong(0x500).putLong(1_000_000).putInt(42).flip();
        byte[] prefix = "ordersaga.outbox".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer message = ByteBuffer.allocate(1 + 1 + 8 + prefix.length + 1 + 4 + 3).put((byte) 'M').put((byte) 1)
                .putLong(0x480).put(prefix).put((byte) 0).putInt(3).put(new byte[] {7, 8, 9}).flip();
        ByteBuffer commit = ByteBuffer.allocate(26).put((byte) 'C').put((byte) 0).putLong(0x500).putLong(0x530)
                .putLong(1_000_000).flip();

        assertThat(PgOutput.decode(begin)).isEqualTo(new Begin(Instant.parse("2000-01-01T00:00:01Z")));
        Message decoded = (Message) PgOutput.decode(message);
        assertThat(decoded.transactional()).isTrue();
        assertThat(decoded.lsn()).isEqualTo(0x480);
        assertThat(decoded.prefix()).isEqualTo("ordersaga.outbox");
        assertThat(decoded.content()).isEqualTo(ByteBuffer.wrap(new byte[] {7, 8, 9}));
        assertThat(PgOutput.decode(commit)).as("the end of the commit record").isEqualTo(new Commit(0x530));
        assertThat(PgOutput.decode(ByteBuffer.wrap(new byte[] {'O'}))).isInstanceOf(PgOutput.Other.class);
    }

    @Test
    void aServerWithoutLogicalDecodingOrARoleWithoutReplicationIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> OutboxSlot.requireLogicalDecoding("replica", "order_service", true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wal_level=replica").hasMessageContaining("Set wal_level=logical")
                .hasMessageContaining("ordersaga.messaging.outbox.relay=table");
        assertThatThrownBy(() -> OutboxSlot.requireLogicalDecoding("logical", "order_service", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ALTER ROLE order_service REPLICATION");
        OutboxSlot.requireLogicalDecoding("logical", "order_service", true);
    }

    @Test
    void slotNamesArePerDatabaseAndValid() {
        assertThat(OutboxSlot.name("order_service")).isEqualTo("ordersaga_outbox_order_service");
        assertThat(OutboxSlot.name("Odd-Name" + "x".repeat(80))).matches("[a-z0-9_]{63}");
    }
}
