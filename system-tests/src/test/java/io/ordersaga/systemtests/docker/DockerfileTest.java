package io.ordersaga.systemtests.docker;

import static io.ordersaga.systemtests.docker.ComposeFileTest.DESIGN_PORTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one Dockerfile every service image is built from: built in Docker, layered, unprivileged, no secrets. */
class DockerfileTest {

    private static final Pattern SECRET = Pattern.compile("PASSWORD|SECRET|TOKEN|CREDENTIAL|jdbc:", Pattern.CASE_INSENSITIVE);

    private final List<String> instructions = instructions(Repository.read("Dockerfile"));
    private final List<String> runtime = instructions.subList(lastIndexStartingWith("FROM "), instructions.size());

    @Test
    void theServiceRunsAsAnUnprivilegedUser() {
        List<String> users = runtime.stream().filter(line -> line.startsWith("USER ")).toList();
        assertThat(users).as("USER in the final stage").isNotEmpty();
        String user = users.get(users.size() - 1).substring("USER ".length()).trim().split(":")[0];
        assertThat(user).isNotIn("root", "0", "");
    }

    @Test
    void theImageIsALayeredJarOnAJre() {
        assertThat(runtime.get(0)).matches("FROM eclipse-temurin:\\$\\{JAVA_VERSION}-jre\\S*");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(runtime).anyMatch(line -> line.startsWith("COPY --from=") && line.contains("/" + layer + "/"));
        }
        assertThat(instructions).anyMatch(line -> line.contains("-Djarmode=tools") && line.contains("extract --layers"));
    }

    @Test
    void theJvmSizesItsHeapFromTheContainersMemoryLimit() {
        String entrypoint = runtime.stream().filter(line -> line.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=").doesNotContain("-Xmx")
                .contains("org.springframework.boot.loader.launch.JarLauncher");
    }

    @Test
    void mavenBuildsTheServicesInsideTheImageSoTheHostNeedsNoJdk() {
        assertThat(instructions).anyMatch(line -> line.matches("FROM eclipse-temurin:\\S+-jdk\\S* AS build"))
                .anyMatch(line -> line.startsWith("RUN ") && line.contains("./mvnw") && line.contains("package"));
    }

    @Test
    void everyServiceImageComesFromThisDockerfileChosenByTheServiceArgument() {
        ComposeFile compose = ComposeFile.load("docker-compose.yml");
        for (String service : DESIGN_PORTS.keySet()) {
            assertThat(compose.service(service).buildArgument("SERVICE")).as(service).isEqualTo(service);
        }
        assertThat(instructions).contains("ARG SERVICE");
    }

    @Test
    void noCredentialIsBakedIntoTheImage() {
        assertThat(instructions).filteredOn(line -> line.startsWith("ENV ") || line.startsWith("ARG ")
                || line.startsWith("LABEL ")).noneMatch(line -> SECRET.matcher(line).find());
        assertThat(Repository.read(".dockerignore").lines().map(String::trim)).as(".dockerignore keeps .env out")
                .contains(".env");
    }

    private int lastIndexStartingWith(String prefix) {
        for (int i = instructions.size() - 1; i >= 0; i--) {
            if (instructions.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("The Dockerfile has no " + prefix.trim());
    }

    /** One line per instruction, continuation lines joined and comments dropped. */
    private static List<String> instructions(String dockerfile) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            boolean continues = trimmed.endsWith("\\");
            current.append(continues ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed).append(' ');
            if (!continues) {
                String instruction = current.toString().trim();
                int space = instruction.indexOf(' ');
                instructions.add(instruction.substring(0, space).toUpperCase(Locale.ROOT) + instruction.substring(space));
                current.setLength(0);
            }
        }
        return instructions;
    }
}
