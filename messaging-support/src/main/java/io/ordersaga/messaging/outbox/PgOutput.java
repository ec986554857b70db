package io.ordersaga.messaging.outbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The few messages of PostgreSQL's {@code pgoutput} protocol (version 1) that the logical relay reads: Begin, Message
 * and Commit. With an empty publication no table's changes come; any other message (Origin, Relation, Type) is
 * skipped.
 */
final class PgOutput {

    private static final Instant POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    private PgOutput() {
    }

    sealed interface Decoded permits Begin, Message, Commit, Other {
    }

    /** @param commitTime when the transaction committed */
    record Begin(Instant commitTime) implements Decoded {
    }

    /** A logical decoding message; {@code content} is positioned at its first byte. */
    record Message(boolean transactional, long lsn, String prefix, ByteBuffer content) implements Decoded {
    }

    /** @param endLsn the end of the transaction's commit record: what the slot confirms once it was sent */
    record Commit(long endLsn) implements Decoded {
    }

    record Other(char type) implements Decoded {
    }

    static Decoded decode(ByteBuffer buffer) {
        char type = (char) buffer.get();
        switch (type) {
            case 'B' -> {
                buffer.getLong(); // the final LSN of the transaction
                Instant commitTime = POSTGRES_EPOCH.plus(buffer.getLong(), ChronoUnit.MICROS);
                return new Begin(commitTime);
            }
            case 'M' -> {
                boolean transactional = (buffer.get() & 1) != 0;
                long lsn = buffer.getLong();
                String prefix = cString(buffer);
                int length = buffer.getInt();
                ByteBuffer content = buffer.slice(buffer.position(), length);
                return new Message(transactional, lsn, prefix, content);
            }
            case 'C' -> {
                buffer.get(); // flags, unused
                buffer.getLong(); // the commit record's LSN
                return new Commit(buffer.getLong());
            }
            default -> {
                return new Other(type);
            }
        }
    }

    private static String cString(ByteBuffer buffer) {
        int start = buffer.position();
        int end = start;
        while (buffer.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        buffer.get(bytes);
        buffer.get(); // the terminating zero
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
