package com.aiagents.platform.common.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code /metrics} exposes: the service's own and JVM metrics as they are, then Dropwizard's,
 * made lint-clean by {@link PromtoolNames}, minus any family whose exposed names would clash with
 * one already shown (a scrape with a name twice fails {@code promtool check metrics} and Prometheus).
 */
final class ExpositionCollector extends Collector {
    private static final Logger LOG = LoggerFactory.getLogger(ExpositionCollector.class);
    private final CollectorRegistry own;
    private final Collector dropwizard;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    ExpositionCollector(CollectorRegistry own, Collector dropwizard) {
        this.own = own;
        this.dropwizard = dropwizard;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> families = Collections.list(own.metricFamilySamples());
        Set<String> taken = new HashSet<>();
        families.forEach(family -> taken.addAll(PromtoolNames.exposedNames(family)));
        List<MetricFamilySamples> translated = new ArrayList<>();
        for (MetricFamilySamples family : dropwizard.collect()) {
            translated.add(PromtoolNames.lintClean(family));
        }
        translated.sort(Comparator.comparing(family -> family.name));
        for (MetricFamilySamples family : translated) {
            List<String> names = PromtoolNames.exposedNames(family);
            if (names.stream().noneMatch(taken::contains)) {
                taken.addAll(names);
                families.add(family);
            } else if (warned.add(family.name)) {
                LOG.warn("Dropwizard metric family {} is not exposed: its name clashes with another metric", family.name);
            }
        }
        return families;
    }
}
