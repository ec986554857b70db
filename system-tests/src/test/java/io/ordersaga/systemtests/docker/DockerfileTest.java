package io.ordersaga.systemtests.docker;

import static io.ordersaga.systemtests.docker.ComposeFileTest.DESIGN_PORTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one Dockerfile every service image is built from: built in Docker, layered, unprivileged, no secrets, and
 * started from a class data sharing archive that a training run made at build time.
 */
class DockerfileTest {

    private static final String ARCHIVE = "app.jsa";
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
        // Jars only on the class path (app.jar and lib/), no launcher layout: class data sharing needs it.
        assertThat(instructions).anyMatch(line -> line.contains("-Djarmode=tools") && line.contains("extract --layers"))
                .noneMatch(line -> line.contains("-Djarmode=tools") && line.contains("--launcher"));
    }

    @Test
    void theJvmSizesItsHeapFromTheContainersMemoryLimit() {
        assertThat(entrypoint()).contains("\"-XX:MaxRAMPercentage=").doesNotContain("-Xmx")
                .contains("\"-XX:+ExitOnOutOfMemoryError\"").endsWith("\"-jar\", \"app.jar\"]");
    }

    @Test
    void theServiceStartsFromAClassDataSharingArchiveMadeByATrainingRunInTheImage() {
        String training = trainingRun();
        assertThat(training).contains("-XX:ArchiveClassesAtExit=" + ARCHIVE, "-Dspring.context.exit=onRefresh",
                "-jar app.jar").as("no archive, no image").contains("test -s " + ARCHIVE);
        // JDK 17 uses the archive only with the class path it was made with, relative to the working directory: the
        // same jar, from the same WORKDIR, after every layer is in place.
        int trainingIndex = runtime.indexOf(training);
        assertThat(runtime.subList(trainingIndex, runtime.size()))
                .noneMatch(line -> line.startsWith("COPY ") || line.startsWith("WORKDIR ") || line.startsWith("ADD "));
        assertThat(entrypoint()).contains("\"-XX:SharedArchiveFile=" + ARCHIVE + "\"", "\"-jar\", \"app.jar\"")
                .as("an unusable archive must not stop the service: the JVM's default -Xshare:auto")
                .doesNotContain("-Xshare");
        assertThat(runtime).filteredOn(line -> line.startsWith("ENV ")).noneMatch(line -> line.contains("-Xshare"));
    }

    @Test
    void theTrainingRunReachesNothingAndItsSettingsStayOutOfTheService() {
        String training = trainingRun();
        // What the training run needs with no database or broker to reach; removing one breaks the image build.
        assertThat(training).contains("-Dspring.flyway.enabled=false", "-Dspring.jpa.hibernate.ddl-auto=none",
                "-Dspring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false",
                "-Dspring.jpa.database-platform=", "-Dspring.kafka.admin.auto-create=false");
        List<String> trainingOnly = Pattern.compile("-D[\\w.-]+=").matcher(training).results()
                .map(MatchResult::group).toList();
        assertThat(trainingOnly).hasSizeGreaterThanOrEqualTo(6);
        String service = String.join("\n", runtime.stream()
                .filter(line -> line.startsWith("ENTRYPOINT ") || line.startsWith("CMD ") || line.startsWith("ENV "))
                .toList());
        for (String property : trainingOnly) {
            assertThat(service).as("a training-only setting in the service's command line or environment")
                    .doesNotContain(property.substring(2, property.length() - 1));
        }
    }

    @Test
    void theTrainingRunLeavesNoSigningKeyInTheImage() {
        // auth-server creates its signing key while its beans are created: the training run's key must go into a
        // directory that the same RUN deletes, so it never reaches a layer.
        Matcher keys = Pattern.compile("-Dordersaga\\.auth\\.keys-dir=(/tmp/[\\w.-]+)/").matcher(trainingRun());
        assertThat(keys.find()).as("the training run's ordersaga.auth.keys-dir, under a directory of /tmp").isTrue();
        assertThat(trainingRun()).contains("rm -rf " + keys.group(1));
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

    private String entrypoint() {
        return runtime.stream().filter(line -> line.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
    }

    /** The final stage's RUN that writes the class data sharing archive. */
    private String trainingRun() {
        List<String> runs = runtime.stream()
                .filter(line -> line.startsWith("RUN ") && line.contains("-XX:ArchiveClassesAtExit=")).toList();
        assertThat(runs).as("one training run in the final stage").hasSize(1);
        return runs.get(0);
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
