package io.ordersaga.benchmarks.resources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Finds the process that listens on a TCP port, the way {@code ss -ltnp} does: the socket's inode from
 * {@code /proc/net/tcp} and {@code tcp6}, then the process holding a descriptor to {@code socket:[inode]}. Works the
 * same for a local stack the benchmark started and for one started by hand; processes of other users (e.g. inside
 * containers) are not visible, and are then not metered.
 */
public final class ListeningPorts {

    private static final String LISTEN = "0A";

    private final Path proc;

    public ListeningPorts() {
        this(Path.of("/proc"));
    }

    ListeningPorts(Path proc) {
        this.proc = proc;
    }

    public OptionalLong pidListeningOn(int port) {
        Set<String> inodes = new HashSet<>();
        inodes.addAll(listeningInodes(proc.resolve("net/tcp"), port));
        inodes.addAll(listeningInodes(proc.resolve("net/tcp6"), port));
        if (inodes.isEmpty()) {
            return OptionalLong.empty();
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, entry ->
                entry.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path process : processes) {
                if (holdsAny(process, inodes)) {
                    return OptionalLong.of(Long.parseLong(process.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** The inodes of the sockets in LISTEN state on {@code port} in one {@code /proc/net/tcp*} table. */
    static Set<String> listeningInodes(String table, int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String line : table.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[1].contains(":")) {
                continue;
            }
            String localPort = f[1].substring(f[1].indexOf(':') + 1);
            if (localPort.equalsIgnoreCase(hexPort) && f[3].equals(LISTEN) && !f[9].equals("0")) {
                inodes.add(f[9]);
            }
        }
        return inodes;
    }

    private static Set<String> listeningInodes(Path table, int port) {
        try {
            return listeningInodes(Files.readString(table, StandardCharsets.ISO_8859_1), port);
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static boolean holdsAny(Path process, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    continue;
                }
                if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                    return true;
                }
            }
        } catch (IOException | SecurityException e) {
            return false;
        }
        return false;
    }
}
