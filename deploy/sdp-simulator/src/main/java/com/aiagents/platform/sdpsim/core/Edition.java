package com.aiagents.platform.sdpsim.core;

import java.util.Arrays;
import java.util.Optional;

/** Which ServiceDesk Plus edition an instance imitates: it decides authentication and note wrappers. */
public enum Edition {
    ONPREM("onprem"), CLOUD("cloud"),
    /** ServiceDesk Plus MSP: authenticates like on-prem; requests belong to a customer account and site. */
    MSP("msp");

    private final String wireName;

    Edition(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Edition> fromWireName(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
    }

    /** On-prem and MSP take the technician API key in the {@code authtoken} header. */
    public boolean usesApiKey() {
        return this != CLOUD;
    }

    /** The object a note is wrapped in, in input and in single replies. */
    public String noteWrapper() {
        return this == CLOUD ? "request_note" : "note";
    }
}
