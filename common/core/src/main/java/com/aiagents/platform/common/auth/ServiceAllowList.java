package com.aiagents.platform.common.auth;

import com.aiagents.platform.common.errors.ErrorResponses;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Per endpoint, which service identities may call it ({@link AllowedServices}), and who may say
 * {@code X-Acting-For}: only provisioning-service, which runs onboardings for operators. Anyone else
 * naming an operator is refused (403) rather than silently ignored, so a misconfigured caller shows.
 * Runs after {@code @RolesAllowed} has admitted the role. Also puts {@link TenantImpersonation} on
 * every guarded endpoint.
 */
final class ServiceAllowList implements DynamicFeature {
    static final String ACTING_FOR = "X-Acting-For";
    /** The role of the operator named in {@code X-Acting-For}: the same rule. */
    static final String ACTING_FOR_ROLE = "X-Acting-For-Role";

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method method = resourceInfo.getResourceMethod();
        Class<?> type = resourceInfo.getResourceClass();
        boolean guarded = method.isAnnotationPresent(RolesAllowed.class)
                || (type.isAnnotationPresent(RolesAllowed.class) && !method.isAnnotationPresent(PermitAll.class));
        if (!guarded) {
            return;
        }
        AllowedServices allowed = method.isAnnotationPresent(AllowedServices.class)
                ? method.getAnnotation(AllowedServices.class) : type.getAnnotation(AllowedServices.class);
        Set<PlatformService> services = EnumSet.noneOf(PlatformService.class);
        if (allowed != null) {
            services.addAll(Set.of(allowed.value()));
        }
        context.register(new Filter(services));
        context.register(new TenantImpersonation());
    }

    @Priority(Priorities.AUTHORIZATION + 1)
    static final class Filter implements ContainerRequestFilter {
        private final Set<PlatformService> allowed;

        Filter(Set<PlatformService> allowed) {
            this.allowed = allowed;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (!(request.getSecurityContext().getUserPrincipal() instanceof PlatformPrincipal principal)) {
                return;
            }
            Optional<PlatformService> service = principal.service();
            if (principal.role() == Role.SERVICE && (service.isEmpty() || !allowed.contains(service.get()))) {
                request.abortWith(ErrorResponses.of(403, "forbidden",
                        principal.name() + " may not call this endpoint"));
                return;
            }
            boolean actingFor = request.getHeaderString(ACTING_FOR) != null || request.getHeaderString(ACTING_FOR_ROLE) != null;
            if (actingFor && service.filter(PlatformService.PROVISIONING::equals).isEmpty()) {
                request.abortWith(ErrorResponses.of(403, "forbidden",
                        ACTING_FOR + " and " + ACTING_FOR_ROLE + " are accepted only from provisioning-service"));
            }
        }
    }
}
