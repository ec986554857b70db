package io.ordersaga.systemtests.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.systemtests.docker.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md and docs/ as a reader meets them: every relative link and anchor resolves (GitHub's anchor rules), every
 * docs page opens with its table of contents, and the README stays a front door of at most 300 lines that shows the
 * two commands: the one that starts the suite, and the test command exactly as CI (.ci/run) runs it.
 */
class DocsLinksTest {

    static final int README_MAX_LINES = 300;
    static final String START_COMMAND = "bin/local-stack";

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        List<String> broken = new ArrayList<>();
        for (Path file : markdownFiles()) {
            Markdown markdown = Markdown.read(file);
            for (Markdown.Link link : markdown.links()) {
                String problem = problemWith(file, link.target());
                if (problem != null) {
                    broken.add(Repository.file("").relativize(file) + ":" + link.line() + ": (" + link.target() + ") "
                            + problem);
                }
            }
        }
        assertThat(broken).as("broken links in README.md and docs/").isEmpty();
    }

    @Test
    void everyDocsPageOpensWithATitleAndATableOfContentsOfItsSections() {
        for (Path file : markdownFiles()) {
            if (file.equals(Repository.file("README.md"))) {
                continue;
            }
            Markdown page = Markdown.read(file);
            List<Markdown.Heading> headings = page.headings();
            assertThat(headings).as("%s has headings", file).isNotEmpty();
            assertThat(headings.get(0).level()).as("%s starts with a # title", file).isEqualTo(1);
            assertThat(page.lines().get(0)).as("%s: the title is its first line", file).startsWith("# ");
            List<String> sections = headings.stream().filter(heading -> heading.level() == 2)
                    .map(heading -> "#" + heading.anchor()).toList();
            int firstSection = headings.stream().filter(heading -> heading.level() == 2)
                    .mapToInt(Markdown.Heading::line).findFirst().orElse(page.lines().size());
            List<String> contents = page.links().stream().filter(link -> link.line() < firstSection)
                    .map(Markdown.Link::target).filter(target -> target.startsWith("#")).toList();
            assertThat(contents).as("%s: the links before its first section are its table of contents", file)
                    .containsExactlyElementsOf(sections);
        }
    }

    @Test
    void readmeIsAFrontDoorOfAtMost300Lines() {
        assertThat(Repository.read("README.md").lines().count()).isLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void readmeShowsTheStartCommandAndTheTestCommandThatCiRuns() {
        List<String> ciMaven = Repository.read(".ci/run").lines().map(String::strip)
                .filter(line -> line.startsWith("./mvnw ")).toList();
        assertThat(ciMaven).as(".ci/run runs one Maven command").hasSize(1);
        List<String> readme = Repository.read("README.md").lines().toList();
        assertThat(readme.contains(ciMaven.get(0)))
                .as("README.md shows `%s`, the command .ci/run runs, on a line of its own", ciMaven.get(0)).isTrue();
        assertThat(readme.contains(START_COMMAND))
                .as("README.md shows `%s`, which starts the whole suite, on a line of its own", START_COMMAND).isTrue();
    }

    /** Why a link's target does not resolve, or null when it does (web and mail links are not checked). */
    private static String problemWith(Path from, String target) {
        if (target.matches("(?i)^(https?|mailto):.*")) {
            return null;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? from : from.getParent().resolve(path).normalize();
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor == null) {
            return null;
        }
        if (!resolved.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        return Markdown.read(resolved).anchors().contains(anchor) ? null : "no heading with that anchor";
    }

    private static List<Path> markdownFiles() {
        List<Path> files = new ArrayList<>(List.of(Repository.file("README.md")));
        try (Stream<Path> docs = Files.walk(Repository.file("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
