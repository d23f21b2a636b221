package com.aiagents.platform.tenant.core;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.filter.FilterFactory;

/**
 * A request-log filter ({@code type: welcome-links} in config.yml): leaves the requests to
 * {@code /welcome/{token}} out of the request log, since their path is the one-time link's
 * credential. Those requests are logged by the service itself, with the tenant and without the token.
 */
@JsonTypeName("welcome-links")
public class WelcomeLinkLogFilterFactory implements FilterFactory<IAccessEvent> {
    @Override
    public Filter<IAccessEvent> build() {
        return new Filter<>() {
            @Override
            public FilterReply decide(IAccessEvent event) {
                String uri = event.getRequestURI();
                return uri != null && uri.startsWith("/welcome/") ? FilterReply.DENY : FilterReply.NEUTRAL;
            }
        };
    }
}
