package com.aiagents.platform.common.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS that trusts the certificates of one PEM file (a private CA: Redis's or the platform's own),
 * and only them: the JVM's default trust store stays as it is for the public services the platform
 * calls (SDP, Zoho, the LLM), so a private CA never widens what those calls accept.
 */
public final class TrustedCa {
    private TrustedCa() {
    }

    /** An SSL context trusting the CA certificate(s) in {@code pemFile}; a clear error if unreadable. */
    public static SSLContext sslContext(String pemFile) {
        return sslContext(trustManager(pemFile));
    }

    /**
     * {@code http} trusting only the CA in {@code pemFile}, for calls to the platform's own services
     * (PLATFORM_TLS_CA_FILE); {@code http} unchanged when no file is given.
     */
    public static okhttp3.OkHttpClient.Builder trustOnly(okhttp3.OkHttpClient.Builder http, String pemFile) {
        if (pemFile == null || pemFile.isBlank()) {
            return http;
        }
        X509TrustManager trust = trustManager(pemFile.trim());
        return http.sslSocketFactory(sslContext(trust).getSocketFactory(), trust);
    }

    /**
     * Refuses a configuration that names a CA for TLS but a peer URL without it: the operator meant
     * the call to be encrypted and would otherwise silently get plain HTTP.
     */
    public static void requireHttpsWhenTrusting(String url, String pemFile, String what) {
        if (pemFile != null && !pemFile.isBlank() && (url == null || !url.startsWith("https://"))) {
            throw new IllegalArgumentException("PLATFORM_TLS_CA_FILE is set but " + what + " is not https://");
        }
    }

    private static SSLContext sslContext(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    private static X509TrustManager trustManager(String pemFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(Path.of(pemFile))) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("CA file " + pemFile + " holds no certificate");
            }
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            for (TrustManager manager : trust.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X.509 trust manager in this JVM");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("could not read the CA file " + pemFile + ": " + e.getMessage(), e);
        }
    }
}
