package com.aiagents.platform.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Shared parsing for the lower-case enums of the wire format, with errors that list the choices. */
final class WireEnum {
    private WireEnum() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + choices(type));
    }

    static String wireName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
