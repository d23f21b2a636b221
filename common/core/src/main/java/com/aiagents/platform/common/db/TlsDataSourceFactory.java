package com.aiagents.platform.common.db;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import jakarta.validation.constraints.Pattern;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;

/**
 * The {@code database:} section, with the transport security a managed PostgreSQL asks for:
 * {@code sslMode} ({@code DATABASE_SSLMODE}: {@code disable}, {@code allow}, {@code prefer},
 * {@code require}, {@code verify-ca}, {@code verify-full}) and {@code sslRootCert}
 * ({@code DATABASE_SSLROOTCERT}: the PEM file of the CA that issued the server's certificate, for the
 * verify modes). Both are folded into the JDBC URL that {@link #getUrl()} returns, so the pool, the
 * migration command and every dedicated connection (gates-runner's RLS probe) use the same setting;
 * a {@code sslmode} or {@code sslrootcert} already in {@code DATABASE_URL} wins over them.
 */
public class TlsDataSourceFactory extends DataSourceFactory {
    @Pattern(regexp = "disable|allow|prefer|require|verify-ca|verify-full",
            message = "must be one of disable, allow, prefer, require, verify-ca, verify-full")
    private String sslMode;
    private String sslRootCert;

    @JsonProperty public String getSslMode() { return sslMode; }
    @JsonProperty public void setSslMode(String sslMode) { this.sslMode = blankToNull(sslMode); }
    @JsonProperty public String getSslRootCert() { return sslRootCert; }
    @JsonProperty public void setSslRootCert(String sslRootCert) { this.sslRootCert = blankToNull(sslRootCert); }

    /** {@code DATABASE_URL} with {@code sslmode} and {@code sslrootcert} added when it does not name them. */
    @Override
    public String getUrl() {
        String url = super.getUrl();
        if (url == null) {
            return null;
        }
        url = withParameter(url, "sslmode", sslMode);
        return withParameter(url, "sslrootcert", sslRootCert);
    }

    /** Dropwizard's pool reads the URL field itself, not {@link #getUrl()}: hand it the completed one. */
    @Override
    public ManagedDataSource build(MetricRegistry metricRegistry, String name) {
        String configured = super.getUrl();
        setUrl(getUrl());
        try {
            return super.build(metricRegistry, name);
        } finally {
            setUrl(configured);
        }
    }

    private static String withParameter(String url, String name, String value) {
        if (value == null || hasParameter(url, name)) {
            return url;
        }
        return url + (url.indexOf('?') < 0 ? '?' : '&') + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean hasParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return false;
        }
        Matcher m = java.util.regex.Pattern.compile("(?:^|&)" + name + "=", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(url.substring(query + 1));
        return m.find();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
