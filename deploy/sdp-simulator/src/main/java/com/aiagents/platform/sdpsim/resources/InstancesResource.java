package com.aiagents.platform.sdpsim.resources;

import com.aiagents.platform.sdpsim.api.CreateInstanceRequest;
import com.aiagents.platform.sdpsim.api.DeliveryView;
import com.aiagents.platform.sdpsim.api.InstanceView;
import com.aiagents.platform.sdpsim.api.PatchInstanceRequest;
import com.aiagents.platform.sdpsim.api.RequestRecordView;
import com.aiagents.platform.sdpsim.api.SeedRequest;
import com.aiagents.platform.sdpsim.api.SeedResult;
import com.aiagents.platform.sdpsim.core.HistorySeeder;
import com.aiagents.platform.sdpsim.core.InstanceRegistry;
import com.aiagents.platform.sdpsim.core.MspAccounts;
import com.aiagents.platform.sdpsim.core.ServerAddress;
import com.aiagents.platform.sdpsim.core.SimInstance;
import com.aiagents.platform.sdpsim.core.StoredRequest;
import com.aiagents.platform.sdpsim.errors.SdpApiError;
import com.aiagents.platform.sdpsim.errors.SimApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** {@code /sim/instances}: create, inspect, reconfigure, seed and delete simulated SDP instances. */
@Path("/sim/instances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class InstancesResource {

    private final InstanceRegistry registry;
    private final HistorySeeder seeder;
    private final ServerAddress address;

    public InstancesResource(InstanceRegistry registry, HistorySeeder seeder, ServerAddress address) {
        this.registry = registry;
        this.seeder = seeder;
        this.address = address;
    }

    @POST
    public Response create(CreateInstanceRequest body) {
        SimInstance instance = registry.create(required(body).toSpec());
        return Response.created(URI.create("/sim/instances/" + instance.name()))
                .entity(view(instance, true))
                .build();
    }

    @GET
    public Map<String, List<InstanceView>> list() {
        return Map.of("instances", registry.all().stream().map(i -> view(i, false)).toList());
    }

    @GET
    @Path("{name}")
    public InstanceView get(@PathParam("name") String name) {
        return view(registry.get(name), false);
    }

    @PATCH
    @Path("{name}")
    public InstanceView patch(@PathParam("name") String name, PatchInstanceRequest body) {
        PatchInstanceRequest patch = required(body);
        SimInstance instance = registry.get(name);
        if (patch.webhook() != null && patch.removesWebhook()) {
            throw SimApiException.badRequest("conflicting-webhook", "give either webhook or remove_webhook, not both");
        }
        if (patch.revokesAccessTokens() && instance.accessTokens().isEmpty()) {
            throw SimApiException.badRequest("not-cloud", "revoke_access_tokens applies to cloud instances only");
        }
        if (patch.webhook() != null) {
            instance.setWebhook(patch.webhook().toTarget());
        } else if (patch.removesWebhook()) {
            instance.setWebhook(null);
        }
        if (patch.faults() != null) {
            instance.faults().apply(patch.faults().applyTo(instance.faults().current()), patch.faults().seed() != null);
        }
        if (patch.revokesAccessTokens()) {
            instance.accessTokens().ifPresent(tokens -> tokens.revokeAll());
        }
        return view(instance, false);
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        registry.remove(name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/seed")
    public Response seed(@PathParam("name") String name, SeedRequest body) {
        SeedRequest seed = required(body);
        SimInstance instance = registry.get(name);
        MspAccounts.Placement placement;
        try {
            placement = instance.placement(seed.account(), seed.site());
        } catch (SdpApiError e) {
            throw SimApiException.badRequest("invalid-seed", "an msp instance seeds into one of its accounts and sites: "
                    + e.getMessage());
        }
        List<StoredRequest> created = seeder.seed(instance.store(), seed.count(), seed.seedOrDefault(), placement);
        return Response.status(Response.Status.CREATED)
                .entity(new SeedResult(created.size(), created.stream().map(StoredRequest::id).toList()))
                .build();
    }

    @GET
    @Path("{name}/webhook-deliveries")
    public Map<String, List<DeliveryView>> deliveries(@PathParam("name") String name) {
        return Map.of("deliveries", registry.get(name).deliveries().snapshot().stream().map(DeliveryView::of).toList());
    }

    /** Every request of the instance, deleted ones included (with {@code deleted_at}), for tests and demos. */
    @GET
    @Path("{name}/requests")
    public Map<String, List<RequestRecordView>> requests(@PathParam("name") String name) {
        return Map.of("requests", registry.get(name).store().everyRequest().stream().map(RequestRecordView::of).toList());
    }

    private InstanceView view(SimInstance instance, boolean revealOAuthSecrets) {
        return InstanceView.of(instance, address.instanceBaseUrl(instance.name()), revealOAuthSecrets);
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw SimApiException.badRequest("missing-body", "a JSON body is required");
        }
        return body;
    }
}
