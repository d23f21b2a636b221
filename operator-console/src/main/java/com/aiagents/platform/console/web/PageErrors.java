package com.aiagents.platform.console.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure is an HTML page with a status, never a stack trace (Dropwizard's JSON mappers are off). */
public final class PageErrors {
    private static final Logger LOG = LoggerFactory.getLogger(PageErrors.class);

    private PageErrors() {
    }

    public static final class Pages implements ExceptionMapper<PageException> {
        private final com.aiagents.platform.console.web.Pages pages;
        @Context
        private HttpServletRequest request;

        public Pages(com.aiagents.platform.console.web.Pages pages) {
            this.pages = pages;
        }

        @Override
        public Response toResponse(PageException e) {
            if (e.location() != null) {
                return Response.seeOther(e.location()).header("Cache-Control", "no-store").build();
            }
            return pages.error(e.status(), e.title(), e.getMessage(), (com.aiagents.platform.console.core.Session) request.getAttribute(Web.SESSION));
        }
    }

    public static final class Jersey implements ExceptionMapper<WebApplicationException> {
        private final com.aiagents.platform.console.web.Pages pages;
        @Context
        private HttpServletRequest request;

        public Jersey(com.aiagents.platform.console.web.Pages pages) {
            this.pages = pages;
        }

        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status < 400) {
                return e.getResponse();
            }
            String title = switch (status) {
                case 404 -> "Not found";
                case 405 -> "Method not allowed";
                case 415, 400 -> "Bad request";
                default -> "Error " + status;
            };
            return pages.error(status, title, status == 404 ? "There is no such page." : "The request could not be served.",
                    request == null ? null : (com.aiagents.platform.console.core.Session) request.getAttribute(Web.SESSION));
        }
    }

    public static final class Unexpected implements ExceptionMapper<Throwable> {
        private final com.aiagents.platform.console.web.Pages pages;

        public Unexpected(com.aiagents.platform.console.web.Pages pages) {
            this.pages = pages;
        }

        @Override
        public Response toResponse(Throwable e) {
            LOG.error("event=console_page_failed type={}", e.getClass().getName(), e);
            return pages.error(500, "Something went wrong", "The console could not show this page. Try again.", null);
        }
    }
}
