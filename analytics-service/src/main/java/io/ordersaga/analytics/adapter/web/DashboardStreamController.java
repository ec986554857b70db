package io.ordersaga.analytics.adapter.web;

import io.ordersaga.analytics.live.DashboardBroadcaster;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The dashboard's live updates, as server-sent events. */
@RestController
class DashboardStreamController {

    /** Tells a proxy such as nginx to pass each event on at once instead of buffering the response. */
    static final String NO_PROXY_BUFFERING = "X-Accel-Buffering";

    private final DashboardBroadcaster broadcaster;

    DashboardStreamController(DashboardBroadcaster broadcaster) {
        this.broadcaster = broadcaster;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> stream() {
        return ResponseEntity.ok().header(NO_PROXY_BUFFERING, "no").body(broadcaster.subscribe());
    }
}
