package com.aiagents.platform.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for requests a well-behaved client refuses to send (raw bytes in
 * headers, CR/LF injection) and for bodies the server may stop reading half-way: writing stops at
 * the first failure and the answer is read anyway.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** The status code of the answer, or -1 when the server closed without one. */
    public static int exchange(int port, byte[] head, byte[] body, boolean chunked) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            writeQuietly(socket.getOutputStream(), head, body, chunked);
            return readStatus(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeQuietly(OutputStream out, byte[] head, byte[] body, boolean chunked) {
        try {
            out.write(head);
            if (!chunked) {
                out.write(body);
            } else {
                for (int offset = 0; offset < body.length; offset += 16 * 1024) {
                    int length = Math.min(16 * 1024, body.length - offset);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, offset, length);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException serverStoppedReading) {
            // Expected when the server answers before taking the whole body: read its answer.
        }
    }

    private static int readStatus(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        try {
            while ((b = in.read()) != -1 && b != '\n') {
                line.write(b);
            }
        } catch (IOException reset) {
            if (line.size() == 0) {
                return -1;
            }
        }
        String status = line.toString(StandardCharsets.US_ASCII);
        String[] parts = status.split(" ");
        return parts.length >= 2 && status.startsWith("HTTP/1.") ? Integer.parseInt(parts[1]) : -1;
    }

    public static byte[] head(String requestLine, String... headers) {
        StringBuilder text = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
