package io.ordersaga.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyPlotTest {

    @Test
    void drawsAPngWithOnePointPerStepAndPercentile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plot.png");

        LatencyPlot.write(ReportFixtures.report().steps(), "title", "subtitle", file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(620);
        assertThat(countPixels(image, 0xd62728)).as("p99 points and line").isGreaterThan(50);
        assertThat(countPixels(image, 0x1f77b4)).as("p50 points and line").isGreaterThan(50);
    }

    @Test
    void axisEndsAreRoundNumbers() {
        assertThat(LatencyPlot.niceCeiling(371 * 1.1)).isEqualTo(500);
        assertThat(LatencyPlot.niceCeiling(1_100)).isEqualTo(2_000);
        assertThat(LatencyPlot.niceCeiling(180)).isEqualTo(200);
    }

    private static int countPixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
