package io.ordersaga.analytics.live;

import io.ordersaga.analytics.query.AnalyticsUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes the dashboard to every open page as server-sent events: each new feed record at once ({@code event},
 * {@code high-value}, {@code burst}) and the counters every second ({@code stats}, or {@code unavailable} while the
 * stores cannot be queried). All sends go through one thread, so a page receives its events in order.
 */
@Component
public class DashboardBroadcaster implements SmartLifecycle {

    static final String STATS = "stats";
    static final String UNAVAILABLE = "unavailable";
    /** A page reconnects by itself (EventSource does) after this, which frees abandoned connections. */
    private static final Duration SUBSCRIPTION_TIMEOUT = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(DashboardBroadcaster.class);

    private final DashboardView view;
    private final List<SseEmitter> pages = new CopyOnWriteArrayList<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "dashboard-events");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;

    public DashboardBroadcaster(LiveFeed feed, DashboardView view) {
        this.view = view;
        feed.subscribe(update -> {
            if (!pages.isEmpty()) {
                submit(() -> sendToAll(update.kind(), update.data()));
            }
        });
    }

    /** A new page: it gets the counters at once, then everything new. */
    public SseEmitter subscribe() {
        SseEmitter page = new SseEmitter(SUBSCRIPTION_TIMEOUT.toMillis());
        page.onCompletion(() -> pages.remove(page));
        page.onTimeout(page::complete);
        page.onError(error -> pages.remove(page));
        pages.add(page);
        submit(() -> send(page, statsEvent()));
        return page;
    }

    @Scheduled(fixedRate = 1000)
    void tick() {
        if (!pages.isEmpty()) {
            submit(() -> {
                Map.Entry<String, Object> stats = statsEvent();
                pages.forEach(page -> send(page, stats));
            });
        }
    }

    private void submit(Runnable sending) {
        try {
            sender.execute(sending);
        } catch (RejectedExecutionException e) {
            log.debug("Not sending to dashboard pages: shutting down");
        }
    }

    private Map.Entry<String, Object> statsEvent() {
        try {
            return Map.entry(STATS, view.stats());
        } catch (AnalyticsUnavailableException e) {
            return Map.entry(UNAVAILABLE, Map.of("detail", e.getMessage()));
        }
    }

    private void sendToAll(String name, Object data) {
        Map.Entry<String, Object> event = Map.entry(name, data);
        pages.forEach(page -> send(page, event));
    }

    private void send(SseEmitter page, Map.Entry<String, Object> event) {
        try {
            page.send(SseEmitter.event().name(event.getKey()).data(event.getValue(), MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            log.debug("Dropping a dashboard page that went away: {}", e.getMessage());
            pages.remove(page);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every open page first, so that graceful shutdown does not wait for connections that never end. */
    @Override
    public void stop() {
        running = false;
        pages.forEach(SseEmitter::complete);
        pages.clear();
        sender.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
