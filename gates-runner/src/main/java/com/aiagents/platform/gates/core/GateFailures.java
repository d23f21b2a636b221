package com.aiagents.platform.gates.core;

import com.aiagents.platform.sdp.SdpException;
import java.sql.SQLException;

/**
 * Turns an exception into a reason for the report. Only exceptions whose messages the platform
 * controls (and keeps free of secrets) are quoted; anything else is named by its type alone, since
 * a driver or library message may echo a URL with credentials.
 */
public final class GateFailures {
    private static final int MAX = 300;

    private GateFailures() {
    }

    public static String describe(Throwable failure) {
        if (failure instanceof PeerCallException || failure instanceof SdpException) {
            return clip(failure.getMessage());
        }
        if (failure instanceof SQLException sql) {
            return "database error " + sql.getSQLState() + ": " + clip(firstLine(sql.getMessage()));
        }
        if (failure instanceof redis.clients.jedis.exceptions.JedisException) {
            return "Redis error (" + failure.getClass().getSimpleName() + ")";
        }
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure && (cause instanceof SQLException || cause instanceof SdpException
                || cause instanceof PeerCallException)) {
            return describe(cause);
        }
        return failure.getClass().getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static String clip(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX ? message : message.substring(0, MAX) + "…";
    }
}
