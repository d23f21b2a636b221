package com.aiagents.platform.common.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.PlatformService;
import com.aiagents.platform.common.auth.Roles;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiDocumentsTest {
    @Path("/v1/things")
    public static class ThingResource {
        @POST
        @Path("/{thing_id}")
        @RolesAllowed({Roles.ADMIN, Roles.SERVICE})
        @AllowedServices(PlatformService.GATES)
        public Map<String, String> create(@Auth PlatformPrincipal caller, @PathParam("thing_id") String id) {
            return Map.of();
        }

        @GET
        public String open() {
            return "";
        }
    }

    private final OpenAPI document = OpenApiDocuments.of("thing-service", List.of(ThingResource.class, OpenApiResource.class));

    @Test
    void aGuardedOperationNamesTheBearerSchemeItsRolesAndServicesAndTheCallerIsNoBody() {
        Operation create = document.getPaths().get("/v1/things/{thing_id}").getPost();
        assertThat(create.getOperationId()).isEqualTo("thingCreate");
        assertThat(create.getSecurity()).singleElement().satisfies(r -> assertThat(r).containsKey("bearer"));
        assertThat(create.getExtensions()).containsEntry("x-roles", List.of("admin", "service"))
                .containsEntry("x-services", List.of("gates-runner"));
        assertThat(create.getResponses()).containsKeys("401", "403");
        assertThat(create.getRequestBody()).as("@Auth is the token, not a body").isNull();
        assertThat(create.getParameters()).extracting(p -> p.getName()).containsExactly("thing_id");
        assertThat(document.getComponents().getSecuritySchemes().get("bearer").getScheme()).isEqualTo("bearer");
    }

    @Test
    void aPublicOperationHasNoSecurityAndTheDocumentItselfIsNotListed() {
        assertThat(document.getPaths().get("/v1/things").getGet().getSecurity()).isNull();
        assertThat(document.getPaths()).doesNotContainKey(OpenApiResource.PATH);
    }

    @Test
    void theWrittenDocumentIsStableAndValid() {
        String json = OpenApiDocuments.json(document);
        assertThat(OpenApiDocuments.json(OpenApiDocuments.of("thing-service", List.of(ThingResource.class)))).isEqualTo(json);
        assertThat(new OpenAPIV3Parser().readContents(json).getMessages()).isEmpty();
    }
}
