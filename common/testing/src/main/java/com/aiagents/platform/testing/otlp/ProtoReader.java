package com.aiagents.platform.testing.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Just enough of the protobuf wire format to read an OTLP export: varints, fixed, length-delimited. */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] buffer;
    private final int end;
    private int position;
    private int wireType;

    ProtoReader(byte[] buffer) {
        this(buffer, 0, buffer.length);
    }

    private ProtoReader(byte[] buffer, int start, int end) {
        this.buffer = buffer;
        this.position = start;
        this.end = end;
    }

    boolean hasNext() {
        return position < end;
    }

    /** The next field's number; its value must then be read or skipped. */
    int field() {
        long tag = varint();
        wireType = (int) (tag & 7);
        return (int) (tag >>> 3);
    }

    long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = next();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint");
    }

    long fixed64() {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (long) (next() & 0xff) << (8 * i);
        }
        return value;
    }

    byte[] bytes() {
        int length = length();
        byte[] out = Arrays.copyOfRange(buffer, position, position + length);
        position += length;
        return out;
    }

    String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** The embedded message of a length-delimited field. */
    ProtoReader message() {
        int length = length();
        ProtoReader embedded = new ProtoReader(buffer, position, position + length);
        position += length;
        return embedded;
    }

    void skip() {
        int skipped = switch (wireType) {
            case VARINT -> {
                varint();
                yield 0;
            }
            case FIXED64 -> 8;
            case LENGTH_DELIMITED -> length(); // reads the length first: position moves past it
            case FIXED32 -> 4;
            default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
        };
        if (position + skipped > end) {
            throw new IllegalArgumentException("truncated message");
        }
        position += skipped;
    }

    private int length() {
        long length = varint();
        if (length < 0 || position + length > end) {
            throw new IllegalArgumentException("truncated message");
        }
        return (int) length;
    }

    private byte next() {
        if (position >= end) {
            throw new IllegalArgumentException("truncated message");
        }
        return buffer[position++];
    }
}
