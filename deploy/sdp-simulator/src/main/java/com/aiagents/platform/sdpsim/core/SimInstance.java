package com.aiagents.platform.sdpsim.core;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One simulated ServiceDesk Plus: its edition and credentials, its requests, its webhook and its
 * faults. Creating or updating a request through the API fires the webhook; seeding and setting a
 * resolution do not (SDP's triggers fire on request create and edit). Thread-safe.
 */
public final class SimInstance {

    private static final String ZOHO_SCHEME = "Zoho-oauthtoken ";

    private final String name;
    private final Edition edition;
    private final String apiKey;
    private final OAuthClient oauth;
    private final Instant createdAt;
    private final RequestStore store;
    private final FaultInjector faults;
    private final AccessTokens accessTokens;
    private final DeliveryLog deliveries;
    private final WebhookDispatcher dispatcher;
    private final AtomicReference<WebhookTarget> webhook;
    private final AtomicLong apiCalls = new AtomicLong();
    private final MspAccounts accounts;

    SimInstance(InstanceSpec spec, Clock clock, WebhookDispatcher dispatcher, int deliveryLogSize) {
        this.name = spec.name();
        this.edition = spec.edition();
        this.apiKey = spec.apiKey();
        this.oauth = spec.oauth();
        this.createdAt = clock.instant();
        this.store = new RequestStore(clock);
        this.faults = new FaultInjector(spec.faults());
        this.accessTokens = edition == Edition.CLOUD ? new AccessTokens(spec.oauth(), spec.apiKey(), clock) : null;
        this.deliveries = new DeliveryLog(deliveryLogSize);
        this.dispatcher = dispatcher;
        this.webhook = new AtomicReference<>(spec.webhook());
        this.accounts = spec.accounts();
    }

    /** On an MSP instance a request without a known account and site is refused, as SDP MSP refuses it. */
    public StoredRequest createRequest(RequestDraft draft) {
        StoredRequest created = store.create(placed(draft));
        notifyWebhook("request_created", created);
        return created;
    }

    public StoredRequest updateRequest(String id, RequestChanges changes) {
        StoredRequest updated = store.update(id, changes);
        notifyWebhook("request_updated", updated);
        return updated;
    }

    /** Sets the resolution text without firing a webhook. */
    public StoredRequest setResolution(String id, String content) {
        return store.update(id, new RequestChanges(null, null, null, null, content));
    }

    /** Where a request of this instance lives: its account and site on MSP, nowhere in particular elsewhere. */
    public RequestDraft placed(RequestDraft draft) {
        if (edition != Edition.MSP) {
            return draft.placedIn(null, null);
        }
        MspAccounts.Placement placement = accounts.place(draft.account(), draft.site());
        return draft.placedIn(placement.account(), placement.site());
    }

    /** MSP only: where seeded history goes; null placement elsewhere. */
    public MspAccounts.Placement placement(String accountName, String siteName) {
        return edition == Edition.MSP ? accounts.place(accountName, siteName) : new MspAccounts.Placement(null, null);
    }

    public MspAccounts accounts() {
        return accounts;
    }

    /**
     * Whether a call's credentials are good: on-prem the {@code authtoken} header must be the API
     * key; cloud the {@code Authorization: Zoho-oauthtoken} must be a live token of this instance.
     */
    public boolean authorizes(String authtokenHeader, String authorizationHeader) {
        if (edition.usesApiKey()) {
            return Secrets.matches(apiKey, authtokenHeader);
        }
        if (authorizationHeader == null || !authorizationHeader.startsWith(ZOHO_SCHEME)) {
            return false;
        }
        return accessTokens.accepts(authorizationHeader.substring(ZOHO_SCHEME.length()).trim());
    }

    public long countApiCall() {
        return apiCalls.incrementAndGet();
    }

    public void setWebhook(WebhookTarget target) {
        webhook.set(target);
    }

    private void notifyWebhook(String event, StoredRequest request) {
        WebhookTarget target = webhook.get();
        if (target != null) {
            dispatcher.dispatch(target, deliveries, event, request);
        }
    }

    public String name() {
        return name;
    }

    public Edition edition() {
        return edition;
    }

    /** Cloud only. */
    public Optional<OAuthClient> oauth() {
        return Optional.ofNullable(oauth);
    }

    /** Cloud only. */
    public Optional<AccessTokens> accessTokens() {
        return Optional.ofNullable(accessTokens);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public RequestStore store() {
        return store;
    }

    public FaultInjector faults() {
        return faults;
    }

    public DeliveryLog deliveries() {
        return deliveries;
    }

    public Optional<WebhookTarget> webhook() {
        return Optional.ofNullable(webhook.get());
    }

    public long apiCalls() {
        return apiCalls.get();
    }
}
