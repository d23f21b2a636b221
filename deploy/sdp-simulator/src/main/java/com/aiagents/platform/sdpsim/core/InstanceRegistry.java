package com.aiagents.platform.sdpsim.core;

import com.aiagents.platform.sdpsim.errors.SdpApiError;
import com.aiagents.platform.sdpsim.errors.SimApiException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** All simulated instances by name. */
public final class InstanceRegistry {

    private final ConcurrentMap<String, SimInstance> instances = new ConcurrentHashMap<>();
    private final Clock clock;
    private final WebhookDispatcher dispatcher;
    private final int deliveryLogSize;

    public InstanceRegistry(Clock clock, WebhookDispatcher dispatcher, int deliveryLogSize) {
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.deliveryLogSize = deliveryLogSize;
    }

    public SimInstance create(InstanceSpec spec) {
        SimInstance instance = new SimInstance(spec, clock, dispatcher, deliveryLogSize);
        if (instances.putIfAbsent(spec.name(), instance) != null) {
            throw new SimApiException(409, "instance-exists", "an instance named '" + spec.name() + "' already exists");
        }
        return instance;
    }

    public Optional<SimInstance> find(String name) {
        return Optional.ofNullable(instances.get(name));
    }

    public SimInstance get(String name) {
        return find(name).orElseThrow(() -> SimApiException.notFound("no instance named '" + name + "'"));
    }

    /** For the simulated SDP API, whose "no such instance" is SDP's 4007. */
    public SimInstance getForSdpApi(String name) {
        return find(name).orElseThrow(() -> SdpApiError.notFound("No ServiceDesk Plus instance '" + name + "'"));
    }

    public List<SimInstance> all() {
        return instances.values().stream().sorted(Comparator.comparing(SimInstance::name)).toList();
    }

    public void remove(String name) {
        if (instances.remove(name) == null) {
            throw SimApiException.notFound("no instance named '" + name + "'");
        }
    }

    public int size() {
        return instances.size();
    }
}
