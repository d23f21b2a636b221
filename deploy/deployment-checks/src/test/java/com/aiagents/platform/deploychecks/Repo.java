package com.aiagents.platform.deploychecks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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
        try (Stream<Path> walk = Files.walk(path(relativeDir))) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
