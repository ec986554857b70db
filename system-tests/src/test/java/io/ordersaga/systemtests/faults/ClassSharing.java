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
 * Class data sharing (AppCDS) for the fault suite's service JVMs, so that the dozen restarts of a run each take a
 * few seconds less: the suite starts services far more often than it runs them. The same extraction and archive as
 * the local stack ({@link CdsArchives}), kept in {@code system-tests/target/cds} so a second run in the same build
 * tree skips the training.
 *
 * <p>The suite kills its services with {@code kill -9}, so an archive written at exit would rarely be written. It
 * trains instead, the way Spring Boot's CDS documentation does: each service runs once with
 * {@code -XX:ArchiveClassesAtExit} and {@code -Dspring.context.exit=onRefresh} against the stack's real database and
 * broker (its context refreshes, Flyway and Hibernate included, and the JVM exits before any listener or the web
 * server starts). The next start adopts the archive. {@code -Dfaults.cds=false} turns it off, to measure without.
 * Whatever goes wrong, a service starts without an archive, only more slowly.
 *
 * <p>system-tests runs its integration tests in two JVMs, and each half of the fault suite may start its stack at
 * the same moment: a file lock per service ({@code target/cds/<module>.lock}) makes one JVM extract and train while
 * the other waits, then adopts the archive.
 */
final class ClassSharing {

    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("faults.cds", "true"));
    private static final long TRAINING_TIMEOUT_SECONDS = 300; // about 10 s on a quiet machine; minutes on an overloaded one

    /** One per test JVM; failsafe runs in the module's directory, so {@code target/cds} is system-tests'. */
    static final ClassSharing SHARED = new ClassSharing(Path.of("target", "cds").toAbsolutePath(), ENABLED);
    /**
     * None: each service starts as plain {@code java -jar}, with no training run first, for a stack whose services
     * start about once, where a training run costs more than it saves.
     */
    static final ClassSharing OFF = new ClassSharing(Path.of("target", "cds").toAbsolutePath(), false);

    private final CdsArchives archives;
    private final Path root;
    private final boolean enabled;
    private final Map<String, Object> moduleLocks = new java.util.concurrent.ConcurrentHashMap<>();

    ClassSharing(Path root, boolean enabled) {
        this.archives = new CdsArchives(root);
        this.root = root;
        this.enabled = enabled;
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
        List<String> flags = launch.jvmOptions().stream().filter(flag -> flag.startsWith("-XX:SharedArchiveFile="))
                .toList();
        return command(launch, jvmOptions, flags, args);
    }

    /**
     * Runs {@code module} once to write its archive, if it has none yet; waits for the run to end. Needs the stack's
     * database and broker up, as the service's own start does.
     */
    void train(String module, Path jar, List<String> jvmOptions, List<String> args, Map<String, String> environment,
               Path log) {
        if (!enabled) {
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
