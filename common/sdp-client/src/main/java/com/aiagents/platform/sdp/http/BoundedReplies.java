package com.aiagents.platform.sdp.http;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/** Reads a reply body up to a bound, so a huge (or endless) reply fails the call instead of the heap. */
public final class BoundedReplies {

    /** A reply past the bound; nothing of it is kept. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long maxBytes) {
            super("the reply is larger than " + maxBytes + " bytes and was not read");
        }
    }

    private BoundedReplies() {
    }

    /** The body as text (its declared charset, else UTF-8); empty for no body. */
    public static String read(ResponseBody body, long maxBytes) throws IOException {
        if (body == null) {
            return "";
        }
        BufferedSource source = body.source();
        // checked as it streams too: the length may be absent or wrong
        if (body.contentLength() > maxBytes || source.request(maxBytes + 1)) {
            throw new TooLarge(maxBytes);
        }
        MediaType type = body.contentType();
        Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
        return source.readString(charset);
    }
}
