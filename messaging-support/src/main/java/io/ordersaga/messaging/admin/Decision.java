package io.ordersaga.messaging.admin;

import java.time.Instant;

/** An operator's latest decision about one dead letter; {@code reason} is set for a discard. */
record Decision(DeadLetterStatus status, int replayCount, String reason, Instant decidedAt) {

    static final Decision NONE = new Decision(DeadLetterStatus.PENDING, 0, null, null);
}
