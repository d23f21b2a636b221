package com.aiagents.platform.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md's reading path names classes as {@code package/Class} (optionally
 * {@code .method}); each must be a class in main code, and each named method must be in it, so a
 * rename cannot leave the newcomer's map pointing at nothing.
 */
class ArchitectureDocTest {
    private static final Pattern CLASS_REF = Pattern.compile("`([a-z]+)/([A-Z][A-Za-z]+)(?:\\.([a-z][A-Za-z]+))?`");

    @Test
    void everyClassOnTheReadingPathExists() {
        String doc = Repo.read(Repo.path("docs/architecture.md"));
        String path = doc.substring(doc.indexOf("## Following one webhook in the code"));
        path = path.substring(0, path.indexOf("\n## ", 1));
        List<Path> sources = Repo.files(".", ".java").stream()
                .filter(p -> p.toString().contains("/src/main/java/") && !p.toString().contains("/target/")).toList();
        List<String> missing = new ArrayList<>();
        int references = 0;
        Matcher ref = CLASS_REF.matcher(path);
        while (ref.find()) {
            references++;
            String file = "/" + ref.group(1) + "/" + ref.group(2) + ".java";
            var source = sources.stream().filter(p -> p.toString().endsWith(file)).findFirst();
            if (source.isEmpty()) {
                missing.add(ref.group());
            } else if (ref.group(3) != null && !Repo.read(source.get()).contains(" " + ref.group(3) + "(")) {
                missing.add(ref.group() + " (no method " + ref.group(3) + ")");
            }
        }
        assertThat(references).as("class references on the reading path").isGreaterThan(15);
        assertThat(missing).as("named in docs/architecture.md but not in the code").isEmpty();
    }
}
