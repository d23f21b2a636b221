package com.aiagents.platform.console.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers on every answer of the application port. The Content-Security-Policy admits scripts,
 * styles and connections from the console itself only: no inline script or style, no eval (htmx is
 * configured for it by its {@code htmx-config} meta tag), no framing, forms posting only here.
 */
public final class SecurityHeaders implements Filter {
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private final boolean tls;

    public SecurityHeaders(boolean tls) {
        this.tls = tls;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setHeader("Content-Security-Policy", CSP);
        http.setHeader("X-Content-Type-Options", "nosniff");
        http.setHeader("X-Frame-Options", "DENY");
        http.setHeader("Referrer-Policy", "same-origin");
        http.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        http.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (tls) {
            http.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        chain.doFilter(request, response);
    }
}
