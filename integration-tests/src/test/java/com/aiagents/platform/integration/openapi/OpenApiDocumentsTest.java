package com.aiagents.platform.integration.openapi;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.common.openapi.OpenApiDocuments;
import com.aiagents.platform.common.openapi.OpenApiResource;
import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.tenant.testing.JsonHttp;
import io.dropwizard.core.setup.Environment;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The drift check: each service's OpenAPI document, generated from the resources it registers, is
 * what {@code GET /openapi.json} serves (to anyone, with or without a token) and what is committed
 * under {@code docs/api/openapi/<service>.json}; a route, parameter or type changed without
 * regenerating fails here. {@code -Dopenapi.regenerate=true} (docs/api/openapi/regenerate.sh) writes
 * the committed copies instead of comparing.
 */
class OpenApiDocumentsTest {
    @RegisterExtension
    static final Platform PLATFORM = Platform.sharedInManifestsMode();

    static final Path COMMITTED = Path.of("..", "docs", "api", "openapi");
    static final String REGENERATE = "docs/api/openapi/regenerate.sh";

    @Test
    void eachServicePublishesTheCommittedDocumentOfItsResources() throws IOException {
        boolean regenerate = Boolean.getBoolean("openapi.regenerate");
        List<String> drifted = new ArrayList<>();
        for (Map.Entry<String, Environment> service : PLATFORM.environments().entrySet()) {
            String name = service.getKey();
            String generated = OpenApiDocuments.json(OpenApiDocuments.of(name, service.getValue().jersey().getResourceConfig()));
            assertValid(name, generated);

            JsonHttp api = api(name);
            for (String token : new String[] {null, ADMIN, "wrong-token-0123456789abcdef"}) {
                JsonHttp.Reply served = api.get(OpenApiResource.PATH, token);
                assertThat(served.status()).as(name + " " + OpenApiResource.PATH).isEqualTo(200);
                assertThat(served.body()).as(name + " serves the document of its resources").isEqualTo(generated);
            }

            Path file = COMMITTED.resolve(name + ".json");
            if (regenerate) {
                Files.writeString(file, generated, StandardCharsets.UTF_8);
            } else if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(generated)) {
                drifted.add("docs/api/openapi/" + name + ".json");
            }
        }
        assertThat(drifted).as("OpenAPI documents that no longer match the services' resources; regenerate them with "
                + REGENERATE + " (from the repository root) and commit the result").isEmpty();
    }

    private static void assertValid(String service, String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, options);
        assertThat(parsed.getMessages()).as(service + "'s OpenAPI document, as swagger-parser reads it").isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).as(service + "'s paths").isNotEmpty();
    }

    private static JsonHttp api(String service) {
        return PLATFORM.api(service);
    }
}
