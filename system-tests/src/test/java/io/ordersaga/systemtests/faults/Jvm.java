package io.ordersaga.systemtests.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

/** Small helpers for starting child JVMs: the java executable, this JVM's class path, free ports. */
final class Jvm {

    private Jvm() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static final String CLASS_PATH = resolveClassPath();

    /**
     * This JVM's class path, as the list of jars and directories itself: failsafe starts the test JVM from a
     * manifest-only jar that it deletes once the JVM runs, so a broker restarted later could not use that jar.
     */
    static String classPath() {
        return CLASS_PATH;
    }

    private static String resolveClassPath() {
        String classPath = System.getProperty("java.class.path");
        if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
            return classPath;
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(classPath)) {
            java.util.jar.Manifest manifest = jar.getManifest();
            String entries = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (entries == null) {
                return classPath;
            }
            Path base = Path.of(classPath).toAbsolutePath().getParent();
            return java.util.Arrays.stream(entries.trim().split("\\s+"))
                    .map(entry -> base.toUri().resolve(entry))
                    .map(uri -> Path.of(uri).toString())
                    .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the class path from " + classPath, e);
        }
    }

    /** A port nobody listens on right now (the default ports may be taken by someone's local-stack). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
