package io.ordersaga.systemtests.faults;

import io.ordersaga.localstack.CdsArchives;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How the fault suite's service JVMs are launched, chosen by {@code -Dfaults.cds}:
 * <ul>
 * <li>{@code extracted} (the default): from each service's jar extracted once (Spring Boot's
 * {@code -Djarmode=tools extract}, the same extraction as the local stack's {@link CdsArchives}, kept in
 * {@code system-tests/target/cds}), with no archive of its own: a start from the extraction costs about a third less
 * than from the nested jar (docs/performance.md, "Start-up"), and nothing has to be trained first.</li>
 * <li>{@code trained}: the same, plus an AppCDS archive per service. The suite kills its services with
 * {@code kill -9}, so an archive written at exit would rarely be written; each service runs once first, the way
 * Spring Boot's CDS documentation trains, with {@code -XX:ArchiveClassesAtExit} and
 * {@code -Dspring.context.exit=onRefresh} against the stack's real database and broker (its context refreshes,
 * Flyway and Hibernate included, and the JVM exits before any listener or the web server starts); the next start
 * adopts the archive. Each restart is then a few seconds faster, but each training run costs about 23 s of CPU, most
 * of it writing a 120 MB archive, in the minute when every stack of the build starts: the test command took 10:27 to
 * 11:12 with it and 8:32 to 9:23 without (docs/testing.md, "Where the time goes").</li>
 * <li>{@code off}: plain {@code java -jar} (also {@code false}).</li>
 * </ul>
 * Whatever goes wrong, a service starts as plain {@code java -jar}, only more slowly.
 *
 * <p>system-tests runs its integration tests in several JVMs, and each half of the fault suite may start its stack
 * at the same moment: a file lock per service ({@code target/cds/<module>.lock}) makes one JVM extract (and train)
 * while the other waits, then uses the extraction.
 */
final class ClassSharing {

    enum Mode { OFF, EXTRACTED, TRAINED }

    static final Mode MODE = mode(System.getProperty("faults.cds", "extracted"));
    /** About 10 s on a quiet machine; minutes on an overloaded one. */
    private static final long TRAINING_TIMEOUT_SECONDS = 300;

    /** What {@code -Dfaults.cds} asks for; failsafe runs in the module's directory: {@code target} is system-tests'. */
    static final ClassSharing CONFIGURED = new ClassSharing(Path.of("target", "cds").toAbsolutePath(), MODE);
    /**
     * The same, but never trained: for a stack whose services start about once, where a training run costs more
     * than it saves. Its own directory when the other half trains, so that it never waits for that training.
     */
    static final ClassSharing UNTRAINED = MODE != Mode.TRAINED ? CONFIGURED
            : new ClassSharing(Path.of("target", "cds-extracted").toAbsolutePath(), Mode.EXTRACTED);

    static Mode mode(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "off", "false" -> Mode.OFF;
            case "trained", "true" -> Mode.TRAINED;
            case "extracted", "" -> Mode.EXTRACTED;
            default -> throw new IllegalArgumentException(
                    "faults.cds must be extracted, trained or off, not '" + value + "'");
        };
    }

    private final CdsArchives archives;
    private final Path root;
    private final boolean enabled;
    private final boolean trains;
    private final Map<String, Object> moduleLocks = new java.util.concurrent.ConcurrentHashMap<>();

    ClassSharing(Path root, Mode mode) {
        this.archives = new CdsArchives(root);
        this.root = root;
        this.enabled = mode != Mode.OFF;
        this.trains = mode == Mode.TRAINED;
    }

    /** {@link CdsArchives#prepare} while holding the module's lock. */
    private CdsArchives.Launch prepare(String module, Path jar) {
        return underLock(module, () -> archives.prepare(module, jar));
    }

    /**
     * Runs {@code work} holding {@code module}'s lock: a monitor within this JVM (a second file lock of the same JVM
     * would throw rather than wait) and an exclusive lock on {@code <module>.lock} against the other JVM.
     */
    private <T> T underLock(String module, java.util.function.Supplier<T> work) {
        synchronized (moduleLocks.computeIfAbsent(module, name -> new Object())) {
            try {
                Files.createDirectories(root);
                try (FileChannel channel = FileChannel.open(root.resolve(module + ".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                    return work.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot lock " + module + "'s class data sharing files", e);
            }
        }
    }

    /**
     * The command that starts {@code module}: from its extraction with its archive once trained, from the extraction
     * with no CDS flag before that (an untrained run must not write an archive at a graceful stop and so stop
     * slowly), and as plain {@code java -jar} when sharing is off or the extraction failed.
     */
    ChildProcess.Command command(String module, Path jar, List<String> jvmOptions, List<String> args) {
        CdsArchives.Launch launch = enabled ? prepare(module, jar)
                : new CdsArchives.Launch(null, jar.toString(), List.of());
        List<String> flags = launch.jvmOptions().stream()
                .filter(flag -> trains && flag.startsWith("-XX:SharedArchiveFile=")).toList();
        return command(launch, jvmOptions, flags, args);
    }

    /**
     * Runs {@code module} once to write its archive, if it has none yet; waits for the run to end. Needs the stack's
     * database and broker up, as the service's own start does.
     */
    void train(String module, Path jar, List<String> jvmOptions, List<String> args, Map<String, String> environment,
               Path log) {
        if (!enabled || !trains) {
            return;
        }
        // The lock is held through the training, so another JVM's first start waits for the archive rather than
        // training too.
        underLock(module, () -> {
            CdsArchives.Launch launch = archives.prepare(module, jar);
            List<String> dump = launch.jvmOptions().stream()
                    .filter(flag -> flag.startsWith("-XX:ArchiveClassesAtExit=")).toList();
            if (dump.isEmpty()) {
                return null; // trained already (or no extraction: nothing to train)
            }
            List<String> flags = new ArrayList<>(dump);
            flags.add("-Dspring.context.exit=onRefresh");
            try {
                runToTheEnd(module, command(launch, jvmOptions, flags, args), environment, log);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot run the training run of " + module, e);
            }
            return archives.prepare(module, jar); // adopts the archive while the lock is still held
        });
    }

    private static void runToTheEnd(String module, ChildProcess.Command training, Map<String, String> environment,
                                    Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(training.arguments()).directory(training.directory().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, System.lineSeparator() + "==== fault harness: class data sharing training run of "
                    + module + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process process = builder.start();
            if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static ChildProcess.Command command(CdsArchives.Launch launch, List<String> jvmOptions,
                                                List<String> flags, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Jvm.java());
        command.addAll(jvmOptions);
        command.addAll(flags);
        command.add("-jar");
        command.add(launch.jar());
        command.addAll(args);
        return new ChildProcess.Command(command, launch.workingDirectory());
    }
}
