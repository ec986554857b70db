package io.ordersaga.systemtests.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files at the root of the repository, found from wherever the build runs. */
public final class Repository {

    private Repository() {
    }

    public static Path file(String name) {
        return root().resolve(name);
    }

    public static String read(String name) {
        try {
            return Files.readString(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No repository root (mvnw next to docker-compose.yml) above "
                + Path.of("").toAbsolutePath());
    }
}
