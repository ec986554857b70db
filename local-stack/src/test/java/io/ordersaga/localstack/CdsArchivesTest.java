package io.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The bookkeeping of the services' class data sharing files; the JVM's own part is measured, not tested here. */
class CdsArchivesTest {

    @TempDir
    Path tmp;

    private final List<Path> extracted = new ArrayList<>();

    /** Stands in for {@code -Djarmode=tools extract}: copies the jar into the destination. */
    private final CdsArchives.Extractor copying = (jar, destination) -> {
        extracted.add(jar);
        Files.createDirectories(destination);
        Files.copy(jar, destination.resolve(jar.getFileName()));
    };

    @Test
    void firstLaunchExtractsTheJarAndWritesTheArchiveAtExit() throws IOException {
        Path jar = jar("v1");
        CdsArchives cds = new CdsArchives(tmp.resolve("cds"), copying);

        CdsArchives.Launch launch = cds.prepare("order-service", jar);

        Path dir = tmp.resolve("cds/order-service");
        assertThat(launch.workingDirectory()).isEqualTo(dir);
        assertThat(launch.jar()).isEqualTo("order-service-exec.jar"); // relative: JDK 17 records it as given
        assertThat(dir.resolve("order-service-exec.jar")).exists();
        assertThat(launch.jvmOptions()).containsExactly("-XX:ArchiveClassesAtExit=app.jsa.new");
    }

    @Test
    void anArchiveWrittenAtExitIsUsedByTheNextLaunchWithoutExtractingAgain() throws IOException {
        Path jar = jar("v1");
        CdsArchives cds = new CdsArchives(tmp.resolve("cds"), copying);
        cds.prepare("order-service", jar);
        Files.writeString(tmp.resolve("cds/order-service/app.jsa.new"), "archive"); // the JVM's exit

        CdsArchives.Launch launch = cds.prepare("order-service", jar);

        assertThat(launch.jvmOptions()).containsExactly("-XX:SharedArchiveFile=app.jsa");
        assertThat(tmp.resolve("cds/order-service/app.jsa")).hasContent("archive");
        assertThat(tmp.resolve("cds/order-service/app.jsa.new")).doesNotExist();
        assertThat(extracted).hasSize(1);
        assertThat(cds.prepare("order-service", jar).jvmOptions()).containsExactly("-XX:SharedArchiveFile=app.jsa");
    }

    @Test
    void aRebuiltJarIsExtractedAfreshAndItsStaleArchiveDropped() throws IOException {
        Path jar = jar("v1");
        CdsArchives cds = new CdsArchives(tmp.resolve("cds"), copying);
        cds.prepare("order-service", jar);
        Files.writeString(tmp.resolve("cds/order-service/app.jsa"), "archive of v1");

        Files.writeString(jar, "v2, rebuilt");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
        CdsArchives.Launch launch = cds.prepare("order-service", jar);

        assertThat(extracted).hasSize(2);
        assertThat(tmp.resolve("cds/order-service/app.jsa")).doesNotExist();
        assertThat(tmp.resolve("cds/order-service/order-service-exec.jar")).hasContent("v2, rebuilt");
        assertThat(launch.jvmOptions()).containsExactly("-XX:ArchiveClassesAtExit=app.jsa.new");
    }

    @Test
    void anExtractionCutShortIsRedoneBecauseTheStampIsWrittenLast() throws IOException {
        Path jar = jar("v1");
        CdsArchives.Extractor failing = (j, destination) -> {
            Files.createDirectories(destination);
            Files.writeString(destination.resolve("half"), "");
            throw new IOException("disk full");
        };
        new CdsArchives(tmp.resolve("cds"), failing).prepare("order-service", jar);

        new CdsArchives(tmp.resolve("cds"), copying).prepare("order-service", jar);

        assertThat(extracted).hasSize(1);
        assertThat(tmp.resolve("cds/order-service/half")).doesNotExist();
    }

    @Test
    void whenExtractionFailsTheServiceStartsFromItsJarWithoutSharing() throws IOException {
        Path jar = jar("v1");
        CdsArchives cds = new CdsArchives(tmp.resolve("cds"), (j, d) -> {
            throw new IOException("no space left on device");
        });

        CdsArchives.Launch launch = cds.prepare("order-service", jar);

        assertThat(launch.workingDirectory()).isNull();
        assertThat(launch.jar()).isEqualTo(jar.toString());
        assertThat(launch.jvmOptions()).isEmpty();
    }

    @Test
    @Timeout(60)
    void aJarThatIsNotSpringBootsIsRunAsItIsInsteadOfBeingRunToExtractIt() throws IOException {
        Path fake = tmp.resolve("target/fake-service-exec.jar");
        TestSupport.writeFakeServiceJar(fake); // its main class would serve until stopped

        CdsArchives.Launch launch = new CdsArchives(tmp.resolve("cds")).prepare("fake-service", fake);

        assertThat(launch.workingDirectory()).isNull();
        assertThat(launch.jar()).isEqualTo(fake.toString());
        assertThat(launch.jvmOptions()).isEmpty();
    }

    @Test
    void aFirstRunNeedsTimeToWriteItsArchiveAtExitUnlessSharingIsOff() throws IOException {
        CdsArchives cds = new CdsArchives(tmp.resolve("cds"), copying);
        List<String> first = cds.prepare("order-service", jar("v1")).jvmOptions();

        assertThat(CdsArchives.writesArchiveAtExit(first)).isTrue();
        assertThat(CdsArchives.writesArchiveAtExit(List.of(first.get(0), "-Xshare:off"))).isFalse();
        assertThat(CdsArchives.writesArchiveAtExit(List.of("-XX:SharedArchiveFile=app.jsa"))).isFalse();
    }

    @Test
    void onlyASpringBootJarIsRunInToolsJarmode() throws IOException {
        Path fake = tmp.resolve("fake.jar");
        TestSupport.writeFakeServiceJar(fake);
        Path boot = tmp.resolve("boot.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Spring-Boot-Version", "4.0.7");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(boot), manifest)) {
            out.flush();
        }

        assertThat(CdsArchives.isSpringBootJar(fake)).isFalse();
        assertThat(CdsArchives.isSpringBootJar(boot)).isTrue();
    }

    private Path jar(String content) throws IOException {
        Path jar = tmp.resolve("target/order-service-exec.jar");
        Files.createDirectories(jar.getParent());
        return Files.writeString(jar, content);
    }

    @Test
    void sharingTurnedOffByTheUserAddsNoCdsFlagAtAll() {
        CdsArchives.Launch launch = new CdsArchives.Launch(tmp, "order-service-exec.jar",
                List.of("-XX:ArchiveClassesAtExit=app.jsa.new"));

        // JDK 17 will not start with -XX:ArchiveClassesAtExit and -Xshare:off together.
        assertThat(CdsArchives.flags(launch, List.of("-Xmx384m", "-Xshare:off"))).isEmpty();
        assertThat(CdsArchives.flags(launch, List.of("-Xmx384m")))
                .containsExactly("-XX:ArchiveClassesAtExit=app.jsa.new");
    }

    @Test
    void aJarRepackagedWithTheSameContentKeepsItsArchive() throws IOException {
        Path jar = tmp.resolve("order-service-exec.jar");
        zip(jar, "same classes");
        CdsArchives cds = new CdsArchives(tmp.resolve("cds"), copying);
        cds.prepare("order-service", jar);
        Files.writeString(tmp.resolve("cds/order-service/app.jsa"), "archive");

        // ./mvnw package (which bin/local-stack runs first) writes the jar again: same entries, a new time.
        zip(jar, "same classes");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
        assertThat(cds.prepare("order-service", jar).jvmOptions()).containsExactly("-XX:SharedArchiveFile=app.jsa");
        assertThat(extracted).hasSize(1);

        zip(jar, "changed classes");
        assertThat(cds.prepare("order-service", jar).jvmOptions())
                .containsExactly("-XX:ArchiveClassesAtExit=app.jsa.new");
        assertThat(extracted).hasSize(2);
    }

    private static void zip(Path jar, String content) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("BOOT-INF/classes/App.class"));
            out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
