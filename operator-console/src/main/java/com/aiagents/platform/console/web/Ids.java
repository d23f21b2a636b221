package com.aiagents.platform.console.web;

import java.util.regex.Pattern;

/** Ids taken from a URL before they go into a service's path: anything malformed is simply not found. */
public final class Ids {
    private static final Pattern TENANT = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$");
    private static final Pattern OPAQUE = Pattern.compile("^[A-Za-z0-9._:-]{1,200}$");

    private Ids() {
    }

    public static String tenant(String id) {
        if (id == null || !TENANT.matcher(id).matches()) {
            throw PageException.notFound();
        }
        return id;
    }

    /** A job or run id: letters, digits and {@code . _ : -} only. */
    public static String opaque(String id) {
        if (id == null || !OPAQUE.matcher(id).matches()) {
            throw PageException.notFound();
        }
        return id;
    }
}
