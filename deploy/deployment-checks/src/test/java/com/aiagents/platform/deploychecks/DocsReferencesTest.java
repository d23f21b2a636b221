package com.aiagents.platform.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repository explains itself: nothing in it cites a file outside it (the inputs the project
 * was built from are not shipped), every link between the docs resolves to a file and section
 * that exist, and every docs/ page the code names exists.
 */
class DocsReferencesTest {
    /**
     * The external inputs by name, in any case ("Contract section 13" as well as "CONTRACT section 13"), and the
     * ways prose points at the external contract without naming its file ("the contract's order", "the contract
     * asks", "the external contract", "contract ports"). An in-repo contract is named for what it is ("the error
     * contract", gate 4 "Integrations Contract") and is not matched.
     */
    static final Pattern OUTSIDE = Pattern.compile(
            "contract,?( sections?| §|\\.md)|DESIGN-NOTES|SDP-API-NOTES|TOOLCHAIN-NOTES|\\.\\./shared/"
                    + "|\\bcontract's\\b|\\bthe contract (asks|says|requires|wants|names|defines|specifies)\\b"
                    + "|\\bexternal contract\\b|\\bcontract ports?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern DOCS_PATH = Pattern.compile("(?<![\\w/.-])(docs/[\\w/.-]+\\.md)");
    private static final List<String> TEXT = List.of(".java", ".md", ".yml", ".yaml", ".sql", ".lua", ".py", ".sh",
            ".xml", ".json", ".properties", "Dockerfile", "run");

    @Test
    void nothingCitesAFileOutsideTheRepository() {
        List<String> citations = new ArrayList<>();
        for (Path file : textFiles()) {
            List<String> lines = Repo.read(file).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (OUTSIDE.matcher(lines.get(i)).find() && !file.endsWith("DocsReferencesTest.java")) {
                    citations.add(Repo.ROOT.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(citations).as("citations of files outside the repository").isEmpty();
    }

    /** What the scan must catch, and the in-repo contracts it must leave alone. */
    @Test
    void theScanCatchesCitationsInAnyCaseAndProseThatPointsAtTheExternalContract() {
        for (String citation : List.of("/** Contract section 13: the composed prompt's sha256 */", "see CONTRACT section 8",
                "(contract sections 1, 8, 10)", "per contract.md", "Design-Notes §4", "../shared/CONTRACT.md",
                "answered in the contract's order", "work the contract asks for", "part of the external contract",
                "add N to every contract port")) {
            assertThat(OUTSIDE.matcher(citation).find()).as(citation).isTrue();
        }
        for (String inRepo : List.of("Gate 4: Integrations Contract", "every way the error contract covers",
                "premium customers under contract", "WebhookContractTest", "CONTRACT_METRICS = List.of(")) {
            assertThat(OUTSIDE.matcher(inRepo).find()).as(inRepo).isFalse();
        }
    }

    @Test
    void everyLinkBetweenTheDocsResolves() {
        List<String> dangling = new ArrayList<>();
        for (Path file : textFiles()) {
            if (!file.toString().endsWith(".md")) {
                continue;
            }
            String text = withoutCodeBlocks(Repo.read(file));
            Matcher link = MARKDOWN_LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("<")) {
                    continue; // http(s), mailto: not ours to check here
                }
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                if (!Files.exists(resolved)) {
                    dangling.add(Repo.ROOT.relativize(file) + ": " + target + " (no such file)");
                } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    dangling.add(Repo.ROOT.relativize(file) + ": " + target + " (no such section)");
                }
            }
        }
        assertThat(dangling).as("links that lead nowhere").isEmpty();
    }

    @Test
    void everyDocsPageTheCodeNamesExists() {
        List<String> missing = new ArrayList<>();
        for (Path file : textFiles()) {
            Matcher named = DOCS_PATH.matcher(Repo.read(file));
            while (named.find()) {
                if (!Files.isRegularFile(Repo.path(named.group(1)))) {
                    missing.add(Repo.ROOT.relativize(file) + " names " + named.group(1));
                }
            }
        }
        assertThat(missing).as("docs pages named in the repository that do not exist").isEmpty();
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    private static List<String> anchors(Path markdown) {
        return withoutCodeBlocks(Repo.read(markdown)).lines().filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
                .toList();
    }

    private static String withoutCodeBlocks(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "").replaceAll("`[^`\n]*`", "");
    }

    private static List<Path> textFiles() {
        return Repo.sourceFiles(Repo.ROOT).stream()
                .filter(p -> {
                    String s = Repo.ROOT.relativize(p).toString();
                    return !s.contains("node_modules") && !s.startsWith("local-run/"); // sourceFiles skips target/ and .git
                })
                .filter(p -> TEXT.stream().anyMatch(suffix -> p.getFileName().toString().endsWith(suffix)))
                .toList();
    }
}
