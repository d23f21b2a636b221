package com.aiagents.platform.common.openapi;

import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.PlatformService;
import io.dropwizard.auth.Auth;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.jaxrs2.ext.AbstractOpenAPIExtension;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtension;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import jakarta.annotation.security.RolesAllowed;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * What swagger-core cannot see in our resources: the caller ({@code @Auth PlatformPrincipal}) is
 * the bearer token, not a request body; {@code @RolesAllowed} means the bearer scheme with 401/403
 * answers, its roles and {@code @AllowedServices} listed as {@code x-roles}/{@code x-services};
 * and operation ids are {@code <resource><Method>} so a generated client has stable, unique names.
 */
final class PlatformOperations extends AbstractOpenAPIExtension {
    static final String BEARER = "bearer";
    static final String ERROR_BODY = "#/components/schemas/ErrorBody";

    @Override
    public ResolvedParameter extractParameters(List<Annotation> annotations, java.lang.reflect.Type type,
                                               java.util.Set<java.lang.reflect.Type> typesToSkip,
                                               io.swagger.v3.oas.models.Components components,
                                               jakarta.ws.rs.Consumes classConsumes, jakarta.ws.rs.Consumes methodConsumes,
                                               boolean includeRequestBody, com.fasterxml.jackson.annotation.JsonView jsonView,
                                               Iterator<OpenAPIExtension> chain) {
        if (annotations.stream().anyMatch(a -> a instanceof Auth)) {
            return new ResolvedParameter();
        }
        return super.extractParameters(annotations, type, typesToSkip, components, classConsumes, methodConsumes,
                includeRequestBody, jsonView, chain);
    }

    @Override
    public void decorateOperation(Operation operation, Method method, Iterator<OpenAPIExtension> chain) {
        operation.setOperationId(operationId(method));
        RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        if (roles != null) {
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            operation.addExtension("x-roles", List.of(roles.value()));
            AllowedServices services = method.isAnnotationPresent(AllowedServices.class)
                    ? method.getAnnotation(AllowedServices.class)
                    : method.getDeclaringClass().getAnnotation(AllowedServices.class);
            if (services != null) {
                operation.addExtension("x-services", Arrays.stream(services.value()).map(PlatformService::serviceName).toList());
            }
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            responses.addApiResponse("401", error("no token, or not a known one"));
            responses.addApiResponse("403", error("a known token without one of the roles (or services) admitted here"));
            operation.setResponses(responses);
        }
        super.decorateOperation(operation, method, chain);
    }

    /** {@code TenantResource.create} is {@code tenantCreate}. */
    static String operationId(Method method) {
        String type = method.getDeclaringClass().getSimpleName().replaceFirst("Resource$", "");
        String name = method.getName();
        return Character.toLowerCase(type.charAt(0)) + type.substring(1)
                + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                jakarta.ws.rs.core.MediaType.APPLICATION_JSON, new MediaType().schema(new Schema<>().$ref(ERROR_BODY))));
    }
}
