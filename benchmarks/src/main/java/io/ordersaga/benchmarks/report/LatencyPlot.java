package io.ordersaga.benchmarks.report;

import io.ordersaga.benchmarks.report.BenchmarkReport.StepReport;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws latency (POST→COMPLETED, log scale) against throughput (orders ended/s), one point per measured step and
 * one line per percentile: the usual picture of a system approaching its limit, where latency stays flat and then
 * climbs steeply. Java2D and {@code javax.imageio} only; no plotting service.
 */
public final class LatencyPlot {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 620;
    private static final int LEFT = 90;
    private static final int RIGHT = 40;
    private static final int TOP = 70;
    private static final int BOTTOM = 80;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0xd62728)};

    private LatencyPlot() {
    }

    public static void write(List<StepReport> steps, String title, String subtitle, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<StepReport> points = steps.stream().filter(s -> s.completedLatency().count() > 0)
                .sorted(Comparator.comparingDouble(StepReport::throughput)).toList();
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            draw(g, points, title, subtitle);
        } finally {
            g.dispose();
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void draw(Graphics2D g, List<StepReport> points, String title, String subtitle) {
        double maxX = niceCeiling(points.stream().mapToDouble(StepReport::throughput).max().orElse(100) * 1.1);
        double maxLatency = points.stream().mapToDouble(s -> s.completedLatency().p99()).max().orElse(10);
        double minLatency = points.stream().mapToDouble(s -> s.completedLatency().p50()).min().orElse(1);
        int lowDecade = (int) Math.floor(Math.log10(Math.max(0.1, minLatency)));
        int highDecade = Math.max(lowDecade + 1, (int) Math.ceil(Math.log10(Math.max(1, maxLatency))));
        Plane plane = new Plane(maxX, lowDecade, highDecade);

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(subtitle, LEFT, 50);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        for (int decade = lowDecade; decade <= highDecade; decade++) {
            for (int step = 1; step < 10 && (decade < highDecade || step == 1); step++) {
                double value = step * Math.pow(10, decade);
                int y = plane.y(value);
                g.setColor(step == 1 ? new Color(0xcccccc) : new Color(0xeeeeee));
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                if (step == 1) {
                    g.setColor(Color.DARK_GRAY);
                    String label = value >= 1 ? String.format(Locale.ROOT, "%.0f", value)
                            : String.format(Locale.ROOT, "%.1f", value);
                    g.drawString(label, LEFT - 8 - metrics.stringWidth(label), y + 4);
                }
            }
        }
        for (int i = 0; i <= 5; i++) {
            double value = maxX * i / 5;
            int x = plane.x(value);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%,.0f", value);
            g.drawString(label, x - metrics.stringWidth(label) / 2, HEIGHT - BOTTOM + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        g.drawString("throughput: orders that reached COMPLETED or CANCELLED per second", LEFT, HEIGHT - BOTTOM + 40);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("POST -> COMPLETED latency, ms (log scale)", -(HEIGHT - BOTTOM), 25);
        rotated.dispose();

        series(g, plane, points, s -> s.completedLatency().p50(), COLORS[0]);
        series(g, plane, points, s -> s.completedLatency().p95(), COLORS[1]);
        series(g, plane, points, s -> s.completedLatency().p99(), COLORS[2]);
        legend(g, new String[] {"p50", "p95", "p99"});
        g.setColor(Color.GRAY);
        for (StepReport point : points) {
            if (point.rate() != null) {
                String label = point.rate() + "/s offered";
                g.drawString(label, plane.x(point.throughput()) + 6,
                        plane.y(point.completedLatency().p99()) - 8);
            }
        }
    }

    private static void series(Graphics2D g, Plane plane, List<StepReport> points, ToDoubleFunction<StepReport> y,
                               Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2.2f));
        int lastX = -1;
        int lastY = -1;
        for (StepReport point : points) {
            int x = plane.x(point.throughput());
            int py = plane.y(y.applyAsDouble(point));
            if (lastX >= 0) {
                g.drawLine(lastX, lastY, x, py);
            }
            g.fillOval(x - 4, py - 4, 8, 8);
            lastX = x;
            lastY = py;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void legend(Graphics2D g, String[] names) {
        int x = WIDTH - RIGHT - 90;
        int y = TOP + 20;
        for (int i = 0; i < names.length; i++) {
            g.setColor(COLORS[i]);
            g.fillRect(x, y + i * 20 - 8, 18, 4);
            g.setColor(Color.BLACK);
            g.drawString(names[i], x + 26, y + i * 20);
        }
    }

    static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(1, value))));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** Data → pixels: linear throughput, logarithmic latency. */
    private record Plane(double maxX, int lowDecade, int highDecade) {
        int x(double throughput) {
            return LEFT + (int) Math.round(throughput / maxX * (WIDTH - LEFT - RIGHT));
        }

        int y(double latencyMs) {
            double log = Math.log10(Math.max(latencyMs, Math.pow(10, lowDecade)));
            double share = (log - lowDecade) / (highDecade - lowDecade);
            return HEIGHT - BOTTOM - (int) Math.round(share * (HEIGHT - TOP - BOTTOM));
        }
    }
}
