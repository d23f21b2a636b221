package com.aiagents.platform.sdpsim.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The most recent webhook delivery attempts of an instance, oldest first, bounded in size. */
public final class DeliveryLog {

    private final int capacity;
    private final Deque<WebhookDelivery> attempts = new ArrayDeque<>();

    public DeliveryLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void record(WebhookDelivery attempt) {
        if (attempts.size() == capacity) {
            attempts.removeFirst();
        }
        attempts.addLast(attempt);
    }

    public synchronized List<WebhookDelivery> snapshot() {
        return List.copyOf(attempts);
    }
}
