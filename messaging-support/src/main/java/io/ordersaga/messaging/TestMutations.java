package io.ordersaga.messaging;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Test-only mutations, for the fault suite's mutation runs: each one breaks a delivery guarantee of DESIGN section 7
 * on purpose, so that the suite can show that its checks catch the break (a check that cannot fail proves nothing).
 * <strong>Never set them outside the fault suite.</strong> They are off unless {@code ORDERSAGA_TEST_MUTATION} (or
 * the system property {@value #PROPERTY}) names them, comma-separated; without it every check is a read of a final
 * field. As {@link CrashPoints}, they are read once, when the process first uses them.
 *
 * <ul>
 *   <li>{@link #INBOX_NO_DEDUPE}: the inbox still records {@code (consumer, eventId)}, but treats an event it had
 *       recorded before as new, so a redelivered event runs its handler again;</li>
 *   <li>{@link #RELAY_DELETE_BEFORE_ACK}: the relay deletes the rows it is about to send before it sends them, as an
 *       outbox that marks a row sent before the broker's ack (Spring Modulith #395): a crash or a failed send between
 *       the two loses the event. The logical relay confirms its slot past the messages before it sends them, which
 *       is the same bug.</li>
 * </ul>
 */
public final class TestMutations {

    public static final String INBOX_NO_DEDUPE = "inbox-no-dedupe";
    public static final String RELAY_DELETE_BEFORE_ACK = "relay-delete-before-ack";
    public static final String PROPERTY = "ordersaga.messaging.test-mutation";
    public static final String VARIABLE = "ORDERSAGA_TEST_MUTATION";

    private static final Set<String> KNOWN = Set.of(INBOX_NO_DEDUPE, RELAY_DELETE_BEFORE_ACK);
    private static final Set<String> ARMED = armed(System.getProperty(PROPERTY, System.getenv(VARIABLE)));
    private static final boolean INBOX = ARMED.contains(INBOX_NO_DEDUPE);
    private static final boolean RELAY = ARMED.contains(RELAY_DELETE_BEFORE_ACK);

    private TestMutations() {
    }

    /** Whether the inbox must run the handler of an event it has recorded before (test-only). */
    public static boolean inboxDedupeOff() {
        return INBOX;
    }

    /** Whether the relay must delete rows before the broker has acknowledged them (test-only). */
    public static boolean relayDeletesBeforeAck() {
        return RELAY;
    }

    /**
     * The known mutations that {@code setting} names; an unknown name is reported on standard error and ignored (a
     * mutation run whose mutation is not armed passes, and so fails its own assertion). Each armed mutation is
     * announced on standard error, so a fault run can tell from the log that it was on.
     */
    static Set<String> armed(String setting) {
        if (setting == null || setting.isBlank()) {
            return Set.of();
        }
        Set<String> names = Arrays.stream(setting.split(",")).map(name -> name.trim().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty()).collect(Collectors.toCollection(java.util.TreeSet::new));
        for (String name : names) {
            System.err.println(KNOWN.contains(name)
                    ? VARIABLE + "=" + name + " armed: this process breaks a delivery guarantee on purpose (test only)"
                    : VARIABLE + ": unknown mutation '" + name + "' ignored; known: " + new java.util.TreeSet<>(KNOWN));
        }
        names.retainAll(KNOWN);
        return Set.copyOf(names);
    }
}
