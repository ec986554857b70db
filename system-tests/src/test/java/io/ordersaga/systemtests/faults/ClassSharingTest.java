package io.ordersaga.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code -Dfaults.cds} chooses the fault suite's service launch, and what each mode leaves out. */
class ClassSharingTest {

    @TempDir
    Path root;

    @Test
    void startsFromExtractedJarsWithoutTrainingUnlessAskedOtherwise() {
        assertThat(ClassSharing.mode("extracted")).isEqualTo(ClassSharing.Mode.EXTRACTED);
        assertThat(ClassSharing.mode("")).isEqualTo(ClassSharing.Mode.EXTRACTED);
        assertThat(ClassSharing.mode(" Trained ")).isEqualTo(ClassSharing.Mode.TRAINED);
        assertThat(ClassSharing.mode("true")).isEqualTo(ClassSharing.Mode.TRAINED); // the former -Dfaults.cds=true
        assertThat(ClassSharing.mode("off")).isEqualTo(ClassSharing.Mode.OFF);
        assertThat(ClassSharing.mode("false")).isEqualTo(ClassSharing.Mode.OFF);
        assertThat(ClassSharing.MODE).as("the default, without -Dfaults.cds").isEqualTo(ClassSharing.Mode.EXTRACTED);
    }

    @Test
    void refusesAModeItDoesNotKnow() {
        assertThatThrownBy(() -> ClassSharing.mode("archive"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extracted, trained or off");
    }

    @Test
    void theUntrainedHalfNeverTrainsAndNeverWaitsForATraining() {
        // With the default mode nobody trains, so both halves share one extraction directory (and its lock).
        assertThat(ClassSharing.UNTRAINED).isSameAs(ClassSharing.CONFIGURED);
    }

    @Test
    void offStartsThePlainJarWithNoClassDataSharingFlag() {
        Path jar = root.resolve("order-service-exec.jar");
        ChildProcess.Command command = new ClassSharing(root.resolve("cds"), ClassSharing.Mode.OFF)
                .command("order-service", jar, List.of("-XX:+UseSerialGC"), List.of("--server.port=0"));

        assertThat(command.arguments()).endsWith("-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=0");
        assertThat(command.arguments()).noneMatch(argument -> argument.startsWith("-XX:SharedArchiveFile")
                || argument.startsWith("-XX:ArchiveClassesAtExit"));
        assertThat(root.resolve("cds")).doesNotExist();
    }
}
