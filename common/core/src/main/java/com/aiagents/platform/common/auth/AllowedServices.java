package com.aiagents.platform.common.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which services may call an endpoint whose {@code @RolesAllowed} admits the {@code service} role:
 * <pre>
 * &#64;RolesAllowed({Roles.ADMIN, Roles.SERVICE})
 * &#64;AllowedServices({PROVISIONING})
 * </pre>
 * Enforced by {@link ServiceAllowList}; a {@code service} caller not listed gets 403. An endpoint
 * admitting the service role without this annotation admits no service at all (fail closed).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowedServices {
    PlatformService[] value();
}
