package com.aiagents.platform.sdpsim.resources;

import com.aiagents.platform.sdpsim.api.ListInfo;
import com.aiagents.platform.sdpsim.api.ListInfoInput;
import com.aiagents.platform.sdpsim.api.RequestInput;
import com.aiagents.platform.sdpsim.api.SdpEnvelopes;
import com.aiagents.platform.sdpsim.api.SdpRepresentations;
import com.aiagents.platform.sdpsim.core.InstanceRegistry;
import com.aiagents.platform.sdpsim.core.Page;
import com.aiagents.platform.sdpsim.core.SimInstance;
import com.aiagents.platform.sdpsim.core.StoredRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /sdp/<instance>/api/v3/requests}: list, create, get, update and delete requests. */
@Path("/sdp/{instance}/api/v3/requests")
@SdpApi
public final class RequestsResource {

    private final InstanceRegistry registry;
    private final RequestInput requestInput;
    private final ListInfoInput listInfoInput;

    public RequestsResource(InstanceRegistry registry, RequestInput requestInput, ListInfoInput listInfoInput) {
        this.registry = registry;
        this.requestInput = requestInput;
        this.listInfoInput = listInfoInput;
    }

    @GET
    public Response list(@PathParam("instance") String name, @QueryParam("input_data") String inputData) {
        ListInfo listInfo = listInfoInput.parse(inputData, true);
        Page<StoredRequest> page = registry.getForSdpApi(name).store().list(listInfo.toRequestQuery());
        return SdpResponses.ok(SdpEnvelopes.list("requests",
                page.items().stream().map(r -> SdpRepresentations.request(r, false)).toList(), page, listInfo));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@PathParam("instance") String name, @FormParam("input_data") String form,
                           @QueryParam("input_data") String query) {
        SimInstance instance = registry.getForSdpApi(name);
        StoredRequest created = instance.createRequest(requestInput.newRequest(InputData.of(form, query)));
        return SdpResponses.created(SdpEnvelopes.single("request", SdpRepresentations.request(created, true)));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("instance") String name, @PathParam("id") String id) {
        StoredRequest request = registry.getForSdpApi(name).store().get(id);
        return SdpResponses.ok(SdpEnvelopes.single("request", SdpRepresentations.request(request, true)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("instance") String name, @PathParam("id") String id,
                           @FormParam("input_data") String form, @QueryParam("input_data") String query) {
        SimInstance instance = registry.getForSdpApi(name);
        StoredRequest updated = instance.updateRequest(id, requestInput.changes(InputData.of(form, query)));
        return SdpResponses.ok(SdpEnvelopes.single("request", SdpRepresentations.request(updated, true)));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("instance") String name, @PathParam("id") String id) {
        registry.getForSdpApi(name).store().delete(id);
        return SdpResponses.ok(SdpEnvelopes.success());
    }
}
