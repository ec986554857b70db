package io.ordersaga.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The stack's directory ({@code .local-stack} by default): Kafka's and PostgreSQL's data, the service logs, a lock
 * that keeps two launchers off the same data, and the pids of the service processes.
 *
 * <p>Java cannot make child processes die with their parent when the parent is killed with SIGKILL. The pid file
 * lets the next launcher find and stop such orphans, instead of failing on their ports. Holding the lock proves no
 * live launcher owns them.
 */
public final class DataDirectory implements AutoCloseable {

    private static final String LOCK_FILE = "local-stack.lock";
    private static final String PID_FILE = "services.pids";

    private final Path root;
    private FileChannel lockChannel;
    private FileLock lock;

    public DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    /** The issuer's signing key: generated on the first start, kept until {@code --wipe}. */
    public Path auth() {
        return root.resolve("auth");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /**
     * Takes the directory for this launcher.
     *
     * @throws StartupException if another launcher holds it
     */
    public synchronized void lock() {
        try {
            Files.createDirectories(root);
            lockChannel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            throw new StartupException("Cannot use the data directory " + root + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly();
            throw new StartupException("Another local-stack is already running with the data directory " + root
                    + ". Stop it (Ctrl-C in its terminal) or use another --data-dir.");
        }
    }

    /** Deletes everything in the directory except the lock this launcher holds. */
    public void wipe() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.toList()) {
                if (!child.getFileName().toString().equals(LOCK_FILE)) {
                    deleteRecursively(child);
                }
            }
        } catch (IOException e) {
            throw new StartupException("Could not wipe " + root + ": " + e.getMessage(), e);
        }
    }

    /** Remembers the service processes, so that a later launcher can stop them if this one is killed. */
    public void recordServices(List<ServiceProcess> services) {
        List<String> lines = new ArrayList<>();
        for (ServiceProcess service : services) {
            ProcessHandle handle = service.handle();
            handle.info().startInstant().ifPresent(start ->
                    lines.add(handle.pid() + " " + start + " " + service.name()));
        }
        try {
            Files.write(root.resolve(PID_FILE), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets the service processes after they have been stopped. */
    public void clearServices() {
        try {
            Files.deleteIfExists(root.resolve(PID_FILE));
        } catch (IOException e) {
            // harmless: the next start checks each pid's start time before touching it
        }
    }

    /**
     * Stops service processes that an earlier, killed launcher left running. A pid counts only if the process
     * still has the recorded start time, so a reused pid is never touched.
     *
     * @return a description of each process that was stopped
     */
    public List<String> stopOrphanedServices() {
        Path pidFile = root.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return List.of();
        }
        List<String> stopped = new ArrayList<>();
        List<ProcessHandle> orphans = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split(" ", 3);
                if (parts.length < 3) {
                    continue;
                }
                Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(parts[0]))
                        .filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().startInstant().map(Instant::toString).orElse("").equals(parts[1]));
                process.ifPresent(p -> {
                    orphans.add(p);
                    stopped.add(parts[2] + " (pid " + p.pid() + ")");
                    p.destroy();
                });
            }
        } catch (IOException | RuntimeException e) {
            return stopped; // an unreadable pid file only loses the clean-up
        }
        for (ProcessHandle orphan : orphans) {
            try {
                orphan.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception timeoutOrInterrupt) {
                orphan.destroyForcibly();
            }
        }
        clearServices();
        return stopped;
    }

    /** Releases the lock. */
    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // released when the JVM exits anyway
        } finally {
            lock = null;
            lockChannel = null;
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.isDirectory(path) && !Files.isSymbolicLink(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(each);
                }
            }
        } else {
            Files.deleteIfExists(path);
        }
    }
}
