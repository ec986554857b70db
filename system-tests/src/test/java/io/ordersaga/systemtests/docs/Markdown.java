package io.ordersaga.systemtests.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a Markdown file to check its links: its headings and the anchors GitHub gives them, and its inline
 * links, both outside fenced code blocks. Inline code spans are dropped first, so a `[x](y)` shown as code is no link.
 */
record Markdown(Path path, List<String> lines) {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    /** The target of an inline link or image: `](target)` or `](target "title")`. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern LINK_MARKUP = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    /** GitHub keeps letters, marks, numbers, connector punctuation ('_'), spaces and '-'; everything else goes. */
    private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

    record Heading(int level, String text, String anchor, int line) {
    }

    record Link(String target, int line) {
    }

    static Markdown read(Path path) {
        try {
            return new Markdown(path, Files.readAllLines(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GitHub's anchor for a heading's text: lowercase, punctuation but '-' and '_' removed, spaces to '-'. */
    static String slug(String headingText) {
        String text = LINK_MARKUP.matcher(headingText).replaceAll("$1");
        return NOT_IN_SLUG.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
    }

    /** The headings in order, with their anchors; a repeated slug gets -1, -2, … as on GitHub. */
    List<Heading> headings() {
        List<Heading> headings = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        forEachProseLine((number, line) -> {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(2));
                int repeats = seen.merge(slug, 1, Integer::sum) - 1;
                headings.add(new Heading(heading.group(1).length(), heading.group(2),
                        repeats == 0 ? slug : slug + "-" + repeats, number));
            }
        });
        return headings;
    }

    Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        headings().forEach(heading -> anchors.add(heading.anchor()));
        return anchors;
    }

    List<Link> links() {
        List<Link> links = new ArrayList<>();
        forEachProseLine((number, line) -> {
            Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
            while (link.find()) {
                links.add(new Link(link.group(1), number));
            }
        });
        return links;
    }

    private void forEachProseLine(LineConsumer consumer) {
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
                inFence = !inFence;
            } else if (!inFence) {
                consumer.accept(i + 1, line);
            }
        }
    }

    private interface LineConsumer {
        void accept(int number, String line);
    }
}
