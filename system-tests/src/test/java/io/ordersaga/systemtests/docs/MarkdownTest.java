package io.ordersaga.systemtests.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The anchors and links DocsLinksTest relies on, as GitHub makes them. */
class MarkdownTest {

    @Test
    void anchorsAreLowercaseWithSpacesAsHyphensAndPunctuationRemovedButHyphenAndUnderscore() {
        assertThat(Markdown.slug("Kafka web UI: the `ui` profile")).isEqualTo("kafka-web-ui-the-ui-profile");
        assertThat(Markdown.slug("A bounded backlog: 503 now rather than TIMED_OUT later"))
                .isEqualTo("a-bounded-backlog-503-now-rather-than-timed_out-later");
        assertThat(Markdown.slug("Event → reaction → compensation")).isEqualTo("event--reaction--compensation");
        assertThat(Markdown.slug("10. Where PostgreSQL's time goes (q6–q8)"))
                .isEqualTo("10-where-postgresqls-time-goes-q6q8");
        assertThat(Markdown.slug("See [the saga](saga.md)")).isEqualTo("see-the-saga");
    }

    @Test
    void aRepeatedHeadingGetsANumberedAnchorAndHeadingsInCodeBlocksAreNone() {
        Markdown page = new Markdown(Path.of("page.md"), List.of("# Title", "## Tests", "```sh", "## not a heading",
                "```", "### Tests", "## Tests"));
        assertThat(page.anchors()).containsExactly("title", "tests", "tests-1", "tests-2");
    }

    @Test
    void linksInCodeSpansAndCodeBlocksAreNotLinks() {
        Markdown page = new Markdown(Path.of("page.md"), List.of("See [a](a.md#x) and `[b](b.md)`,",
                "```", "[c](c.md)", "```", "![d](d.png \"title\") and [e](https://example.org)."));
        assertThat(page.links()).extracting(Markdown.Link::target)
                .containsExactly("a.md#x", "d.png", "https://example.org");
    }
}
