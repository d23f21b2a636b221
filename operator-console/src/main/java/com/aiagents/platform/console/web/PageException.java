package com.aiagents.platform.console.web;

import java.net.URI;

/** Stops a request with an error page (or, for a {@code location}, a redirect). */
public final class PageException extends RuntimeException {
    private final int status;
    private final String title;
    private final URI location;

    public PageException(int status, String title, String message) {
        super(message, null, false, false);
        this.status = status;
        this.title = title;
        this.location = null;
    }

    PageException(int status, URI location) {
        super("redirect", null, false, false);
        this.status = status;
        this.title = null;
        this.location = location;
    }

    public static PageException notFound() {
        return new PageException(404, "Not found", "There is no such page.");
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI location() {
        return location;
    }
}
