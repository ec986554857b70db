package io.ordersaga.systemtests.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One child process of the fault harness (a broker or a service), its output appended to a log file. It can be
 * killed with SIGKILL, paused with SIGSTOP and started again with the same command. Every process still alive when
 * the test JVM exits is killed by a shutdown hook, so a failed or interrupted run leaves nothing behind.
 */
final class ChildProcess {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "fault-harness-cleanup"));
    }

    /** A command line and the directory it runs in (null: the test JVM's own). */
    record Command(List<String> arguments, Path directory) {
        Command {
            arguments = List.copyOf(arguments);
        }
    }

    private final String name;
    private final java.util.function.Supplier<Command> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    ChildProcess(String name, List<String> command, Map<String, String> environment, Path log) {
        this(name, constant(new Command(command, null)), environment, log);
    }

    /** @param command asked at every start, so a restart can pick up what changed since (a class data archive) */
    ChildProcess(String name, java.util.function.Supplier<Command> command, Map<String, String> environment,
                 Path log) {
        this.name = name;
        this.command = command;
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    private static java.util.function.Supplier<Command> constant(Command command) {
        return () -> command;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    synchronized void start() {
        start(Map.of());
    }

    /**
     * Starts the process with {@code extraEnvironment} on top of its own (e.g. a crash point to arm); an empty value
     * removes that variable.
     */
    synchronized void start(Map<String, String> extraEnvironment) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        Command launch = command.get();
        ProcessBuilder builder = new ProcessBuilder(launch.arguments()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (launch.directory() != null) {
            builder.directory(launch.directory().toFile());
        }
        builder.environment().putAll(environment);
        extraEnvironment.forEach((name, value) -> { // an empty value removes the variable
            if (value.isEmpty()) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, System.lineSeparator() + "==== fault harness: starting " + name
                    + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
        LIVE.add(process);
    }

    /** The exit status, once the process has ended. */
    synchronized java.util.OptionalInt exitStatus() {
        return process == null || process.isAlive() ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of(process.exitValue());
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no graceful close, no offset commit, no leave-group. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit();
        }
    }

    /** SIGTERM, as an orchestrator stops a service: it leaves its consumer groups and finishes in-flight work. */
    synchronized void stop() {
        if (process != null) {
            process.destroy();
            awaitExit();
        }
    }

    /** {@code kill -STOP}: the process freezes with its sockets open, as in a long GC pause or a hung VM. */
    synchronized void pause() {
        signal("STOP");
    }

    synchronized void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
    }

    /** The log's size now, so that later output can be read on its own. */
    long logMark() {
        return new LogFile(log).mark();
    }

    /** How many lines written after {@code mark} contain {@code text}. */
    long countSince(long mark, String text) {
        return new LogFile(log).countSince(mark, text);
    }

    /** The lines written after {@code mark}. */
    List<String> linesSince(long mark) {
        return linesBetween(mark, Long.MAX_VALUE);
    }

    /** The lines written between two {@link #logMark}s. */
    List<String> linesBetween(long from, long to) {
        return new LogFile(log).linesBetween(from, to);
    }
}
