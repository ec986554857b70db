package io.ordersaga.localstack;

/**
 * An expected problem that stops the launcher: a port is taken, a jar is missing, a service did not come up.
 *
 * <p>The message is written for the person at the terminal and says what to do; the launcher prints it without a
 * stack trace.
 */
public class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
