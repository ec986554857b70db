package io.ordersaga.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class data sharing (AppCDS) for the services: each service runs from its jar extracted once into
 * {@code <data-dir>/cds/<service>/} (Spring Boot's {@code -Djarmode=tools extract}), and with a dynamic CDS archive
 * of the classes it loaded, which cuts its start from about 11 s to about 4 s (docs/performance.md, "Start-up").
 *
 * <p>No separate training run: the first run of a service without an archive writes one when it exits
 * ({@code -XX:ArchiveClassesAtExit}, which the JVM also honours on SIGTERM, so Ctrl-C or {@code restart} writes it),
 * to {@code app.jsa.new}; the next launch adopts it as {@code app.jsa}. A run that is killed leaves no archive or a
 * partial one: either way the JVM's default {@code -Xshare:auto} starts without it (silently, unless
 * {@code -Xlog:cds} asks), so an
 * archive can only make a start faster, never make it fail.
 *
 * <p>The extraction is keyed by the executable jar's size and modification time: a rebuilt jar is extracted afresh
 * and its old archive thrown away. JDK 17 records the class path as given, relative to the working directory, so
 * the service runs with the extraction as its working directory and {@code -jar <name>.jar}, exactly as in the run
 * that wrote the archive; the JVM itself also checks each jar's size and time against the archive.
 *
 * <p>Public for the fault suite (system-tests), whose service JVMs run from the same extractions and archives.
 */
public final class CdsArchives {

    private static final Logger log = LoggerFactory.getLogger(CdsArchives.class);
    static final String ARCHIVE = "app.jsa";
    static final String NEW_ARCHIVE = "app.jsa.new";
    static final String STAMP = "jar.stamp";
    private static final String BOOT_VERSION = "Spring-Boot-Version";
    private static final long EXTRACT_TIMEOUT_SECONDS = 120;

    /** Extracts an executable jar into a directory; the seam the unit test replaces. */
    @FunctionalInterface
    interface Extractor {
        void extract(Path executableJar, Path destination) throws IOException;
    }

    /**
     * How to launch a service: from {@code workingDirectory} (null: the launcher's own) with
     * {@code jvmOptions} before {@code -jar jar}.
     */
    public record Launch(Path workingDirectory, String jar, List<String> jvmOptions) {
    }

    private final Path root;
    private final Extractor extractor;

    public CdsArchives(Path root) {
        this(root, CdsArchives::extractWithJarmode);
    }

    CdsArchives(Path root, Extractor extractor) {
        this.root = root;
        this.extractor = extractor;
    }

    /**
     * Prepares {@code module}'s extraction and archive. Never fails: whatever goes wrong, the service starts as
     * plain {@code java -jar executableJar}, only more slowly.
     */
    public Launch prepare(String module, Path executableJar) {
        Path dir = root.resolve(module);
        String jarName = executableJar.getFileName().toString();
        try {
            String stamp = stampOf(executableJar);
            Path stampFile = dir.resolve(STAMP);
            if (!Files.isRegularFile(stampFile)
                    || !Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)) {
                deleteRecursively(dir);
                extractor.extract(executableJar, dir);
                Files.writeString(stampFile, stamp, StandardCharsets.UTF_8); // last: a half-done extraction is redone
            }
            Path fresh = dir.resolve(NEW_ARCHIVE);
            if (Files.isRegularFile(fresh)) {
                Files.move(fresh, dir.resolve(ARCHIVE), StandardCopyOption.REPLACE_EXISTING);
            }
            String flag = Files.isRegularFile(dir.resolve(ARCHIVE)) ? "-XX:SharedArchiveFile=" + ARCHIVE
                    : "-XX:ArchiveClassesAtExit=" + NEW_ARCHIVE;
            return new Launch(dir, jarName, List.of(flag));
        } catch (IOException | RuntimeException e) {
            log.warn("No class data sharing for {} ({}); it starts without, only more slowly.", module,
                    e.getMessage());
            return new Launch(null, executableJar.toString(), List.of());
        }
    }

    /**
     * The CDS flags for a service started with the user's {@code jvmOptions}: none when those turn sharing off
     * ({@code -Xshare:off}), since JDK 17 refuses to start with {@code -XX:ArchiveClassesAtExit} and
     * {@code -Xshare:off} together ("DynamicDumpSharedSpaces is unsupported when base CDS archive is not loaded").
     */
    static List<String> flags(Launch launch, List<String> jvmOptions) {
        return jvmOptions.contains("-Xshare:off") ? List.of() : launch.jvmOptions();
    }

    /** Whether a service run with this command line writes its archive when it exits (so needs longer to stop). */
    static boolean writesArchiveAtExit(List<String> command) {
        return command.stream().anyMatch(flag -> flag.startsWith("-XX:ArchiveClassesAtExit="))
                && !command.contains("-Xshare:off");
    }

    /** What identifies the jar's content: its entries, or for a file that is no zip, its size and time. */
    static String stampOf(Path jar) throws IOException {
        // bin/local-stack runs ./mvnw package first, which rewrites the executable jar (a new modification time)
        // even when nothing changed: a stamp of size and time would drop the archive at every start. The entries'
        // names, CRCs and sizes (the zip's central directory, no decompression) change only with the content.
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            zip.stream().forEach(entry -> digest.update((entry.getName() + '\0' + entry.getCrc() + '\0'
                    + entry.getSize() + '\n').getBytes(StandardCharsets.UTF_8)));
            return "entries " + java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.util.zip.ZipException notAZip) {
            return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void extractWithJarmode(Path executableJar, Path destination) throws IOException {
        // Any other jar would ignore -Djarmode and run its main class, and this would wait for a service to end.
        if (!isSpringBootJar(executableJar)) {
            throw new IOException(executableJar.getFileName() + " is not a Spring Boot executable jar");
        }
        Path output = Files.createTempFile("extract-", ".log");
        Process process = new ProcessBuilder(javaExecutable(), "-Djarmode=tools", "-jar", executableJar.toString(),
                "extract", "--destination", destination.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(EXTRACT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("extracting " + executableJar + " took over " + EXTRACT_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("extracting " + executableJar + " failed: "
                        + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while extracting " + executableJar, e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Whether the jar's manifest says Spring Boot's Maven plugin made it (only such a jar has the tools jarmode). */
    static boolean isSpringBootJar(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null && file.getManifest().getMainAttributes().getValue(BOOT_VERSION) != null;
        }
    }

    /** The {@code java} that runs this launcher, so the services run on the same JDK. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
