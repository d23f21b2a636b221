package com.aiagents.platform.deploychecks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The repository the descriptors live in, and YAML/JSON reading. */
final class Repo {
    static final Path ROOT = Path.of(System.getProperty("repo.root", "../..")).toAbsolutePath().normalize();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private Repo() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One YAML document, with anchors, aliases and merge keys resolved (SnakeYAML does; Jackson's tree does not). */
    static JsonNode yaml(Path file) {
        Object loaded = new org.yaml.snakeyaml.Yaml().load(read(file));
        return JSON.valueToTree(loaded);
    }

    /** Every document of a (multi-document) YAML text, skipping empty ones. */
    static List<JsonNode> yamlDocuments(String text) {
        try (YAMLParser parser = new YAMLFactory().createParser(text)) {
            return YAML.readValues(parser, JsonNode.class).readAll().stream()
                    .filter(node -> node != null && !node.isNull() && !node.isMissingNode()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("not YAML", e);
        }
    }

    static List<Path> files(String relativeDir, String suffix) {
        return sourceFiles(path(relativeDir)).stream().filter(p -> p.toString().endsWith(suffix)).toList();
    }

    /**
     * Every regular file under {@code start}, sorted, without entering build output or working
     * files: directories named {@code target}, and the root's {@code .git} and {@code local-run/tmp}
     * (run-local.sh's embedded servers). The reactor builds two modules at once (.mvn/maven.config),
     * so other modules' tests create and delete files under their {@code target/} while this walks;
     * a file that vanishes between being listed and being visited is skipped, not an error.
     */
    static List<Path> sourceFiles(Path start) {
        Set<Path> skipped = Set.of(ROOT.resolve(".git"), ROOT.resolve("local-run/tmp"));
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(start.normalize(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean buildOutput = dir.getFileName() != null && dir.getFileName().toString().equals("target");
                    return buildOutput || skipped.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e == null || e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }
}
