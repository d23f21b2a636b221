package com.aiagents.platform.sdpsim.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** A small built-in IT-support history (VPN, email, printers, disks...) for seeding resolved requests. */
public record SupportCorpus(List<Topic> topics, List<Person> requesters, List<String> technicians) {

    public static final String RESOURCE = "/sdpsim/support-corpus.json";

    /** One kind of incident: subjects it is reported under, a description and the resolution that fixed it. */
    public record Topic(String category, String priority, List<String> subjects, String description,
                        String resolution) {
    }

    public record Person(String name, @JsonProperty("email_id") String email) {
    }

    public static SupportCorpus load(ObjectMapper json) {
        try (InputStream in = SupportCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return json.readValue(in, SupportCorpus.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
