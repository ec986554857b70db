package io.ordersaga.analytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ordersaga.messaging.testing.TestIssuer;
import io.ordersaga.analytics.AnalyticsIntegrationTest;
import io.ordersaga.analytics.SagaEvents;
import io.ordersaga.analytics.SagaTraffic;
import io.ordersaga.analytics.streams.AnalyticsSerdes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by playwright-core
 * ({@code src/test/browser/dashboard-check.mjs}). The page is opened first, then a burst of orders is placed (some
 * completing, some failing for each reason, one left waiting for payment), and the page must show them without a
 * reload. Skipped where Chromium, node or the npm packages are missing ({@code .ci/browser-test-setup.sh} installs
 * them). With {@code -Ddashboard.screenshot=<png>} it also saves a screenshot of the page.
 */
class DashboardBrowserIT extends AnalyticsIntegrationTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path BROWSER_TEST = Path.of("src/test/browser");
    private static final long PAGE_TIMEOUT_SECONDS = 180;
    /** What playwright-core asks for. */
    private static final int MIN_NODE = 20;

    @BeforeAll
    static void browserIsInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: run .ci/browser-test-setup.sh");
        assumeTrue(nodeMajorVersion() >= MIN_NODE, "node " + MIN_NODE + "+ is missing: run .ci/browser-test-setup.sh");
        assumeTrue(Files.isDirectory(BROWSER_TEST.resolve("node_modules/playwright-core")),
                "playwright-core is not installed: run .ci/browser-test-setup.sh");
    }

    @Test
    void countersFeedAndAlertsChangeLiveAndAClickedOrderShowsItsTimeline() throws Exception {
        String vip = uniqueCustomer("vip");
        String burster = uniqueCustomer("burst");
        UUID highValueOrder = UUID.randomUUID();
        Map<String, Object> expected = new LinkedHashMap<>();
        // The dashboard's data is the admin's; the page takes the token from its fragment.
        expected.put("url", baseUrl() + "/#token=" + TestIssuer.shared().admin());
        expected.put("burstCustomer", burster);
        expected.put("cancelReason", "PAYMENT_DECLINED");
        expected.put("minCompleted", 5);
        expected.put("minCancelled", 3);
        expected.put("failureScreenshot", Path.of("target/dashboard-failure.png").toAbsolutePath().toString());
        String screenshot = System.getProperty("dashboard.screenshot");
        if (screenshot != null) {
            expected.put("screenshot", Path.of(screenshot).toAbsolutePath().toString());
        }

        Process page = startPage(expected, highValueOrder);
        BlockingQueue<String> output = linesOf(page);
        String ready = output.poll(PAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(ready).as("the page went live (node said: %s)", ready).startsWith("READY");

        SagaTraffic traffic = new SagaTraffic(AnalyticsIntegrationTest::sendAt);
        traffic.completes(vip, "42.50");
        traffic.completes(vip, "19.90");
        traffic.runsOutOfStock(burster);
        traffic.completes(burster, "12.50");
        traffic.isDeclined(uniqueCustomer("bob"), "39.90");
        traffic.cannotBeShipped(uniqueCustomer("carol"), "12.50");
        traffic.completes(uniqueCustomer("dave"), "64.80");
        traffic.awaitsPayment(vip, "25.00");
        for (int i = 0; i < 11; i++) {
            sendAt(SagaEvents.placed(UUID.randomUUID(), burster), Instant.now());
        }
        playHighValueSaga(highValueOrder, vip);
        Thread flow = screenshot == null ? null : keepOrdersFlowing(traffic);

        String verdict = verdict(output);
        if (flow != null) {
            flow.interrupt();
        }
        assertThat(verdict).isEqualTo("PASS");
        assertThat(page.waitFor(PAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the browser check ended").isTrue();
        assertThat(page.exitValue()).isZero();
    }

    /** For the screenshot: a steady mix of outcomes, as a demo would place them, until interrupted. */
    private static Thread keepOrdersFlowing(SagaTraffic traffic) {
        List<Runnable> mix = List.of(
                () -> traffic.completes("alice", "39.90"), () -> traffic.completes("carol", "129.90"),
                () -> traffic.completes("erin", "24.99"), () -> traffic.completes("alice", "12.50"),
                () -> traffic.runsOutOfStock("dave"), () -> traffic.isDeclined("bob", "39.90"),
                () -> traffic.cannotBeShipped("carol", "19.90"), () -> traffic.awaitsPayment("erin", "25.00"));
        Thread flow = new Thread(() -> {
            for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                mix.get(i % mix.size()).run();
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "demo-orders");
        flow.setDaemon(true);
        flow.start();
        return flow;
    }

    /** The check's last word: PASS, or FAIL with what the page did not show. */
    private static String verdict(BlockingQueue<String> output) throws InterruptedException {
        String line;
        do {
            line = output.poll(PAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } while (line != null && !line.equals("PASS") && !line.startsWith("FAIL"));
        return line == null ? "FAIL: no verdict within " + PAGE_TIMEOUT_SECONDS + " s" : line;
    }

    private static void playHighValueSaga(UUID orderId, String customer) {
        Instant at = Instant.now();
        sendAt(SagaEvents.placed(orderId, customer), at);
        sendAt(SagaEvents.reserved(orderId, customer, "249.00"), at.plusMillis(1));
        sendAt(SagaEvents.paid(orderId, customer, "249.00"), at.plusMillis(2));
        sendAt(SagaEvents.shipped(orderId), at.plusMillis(3));
        sendAt(SagaEvents.completed(orderId, customer, "249.00"), at.plusMillis(4));
    }

    private static Process startPage(Map<String, Object> expected, UUID highValueOrder) throws IOException {
        expected.put("completedOrder", highValueOrder.toString());
        Path expectations = Files.createTempFile("dashboard-expectations", ".json");
        Files.writeString(expectations, AnalyticsSerdes.JSON.writeValueAsString(expected));
        expectations.toFile().deleteOnExit();
        ProcessBuilder node = new ProcessBuilder("node", "dashboard-check.mjs", expectations.toString())
                .directory(BROWSER_TEST.toFile()).redirectErrorStream(true);
        node.environment().put("CHROMIUM", CHROMIUM.toString());
        return node.start();
    }

    /** Every line the page check prints, echoed to the test log, as it comes. */
    private static BlockingQueue<String> linesOf(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(line -> {
                    System.out.println("[dashboard-check] " + line);
                    lines.add(line);
                });
            } catch (IOException e) {
                lines.add("FAIL: lost the output of node: " + e.getMessage());
            }
        }, "dashboard-check-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** The major version of the {@code node} on the PATH (v20.11.1 is 20), or 0 when there is none. */
    private static int nodeMajorVersion() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            node.waitFor(30, TimeUnit.SECONDS);
            return Integer.parseInt(version.replaceFirst("^v(\\d+)\\..*$", "$1"));
        } catch (IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
