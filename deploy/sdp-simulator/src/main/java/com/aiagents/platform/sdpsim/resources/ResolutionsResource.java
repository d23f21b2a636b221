package com.aiagents.platform.sdpsim.resources;

import com.aiagents.platform.sdpsim.api.RequestInput;
import com.aiagents.platform.sdpsim.api.SdpEnvelopes;
import com.aiagents.platform.sdpsim.api.SdpRepresentations;
import com.aiagents.platform.sdpsim.core.InstanceRegistry;
import com.aiagents.platform.sdpsim.core.StoredRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /sdp/<instance>/api/v3/requests/{id}/resolutions}: read the resolution ({@code content}
 * null when none) or set it with {@code {"resolution": {"content": "..."}}} (POST or PUT, no webhook).
 */
@Path("/sdp/{instance}/api/v3/requests/{id}/resolutions")
@SdpApi
public final class ResolutionsResource {

    private final InstanceRegistry registry;
    private final RequestInput requestInput;

    public ResolutionsResource(InstanceRegistry registry, RequestInput requestInput) {
        this.registry = registry;
        this.requestInput = requestInput;
    }

    @GET
    public Response get(@PathParam("instance") String name, @PathParam("id") String id) {
        StoredRequest request = registry.getForSdpApi(name).store().get(id);
        return SdpResponses.ok(SdpEnvelopes.single("resolution", SdpRepresentations.resolution(request.resolution())));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@PathParam("instance") String name, @PathParam("id") String id,
                        @FormParam("input_data") String form, @QueryParam("input_data") String query) {
        return set(name, id, InputData.of(form, query));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replace(@PathParam("instance") String name, @PathParam("id") String id,
                            @FormParam("input_data") String form, @QueryParam("input_data") String query) {
        return set(name, id, InputData.of(form, query));
    }

    private Response set(String name, String id, String inputData) {
        String content = requestInput.resolution(inputData);
        StoredRequest request = registry.getForSdpApi(name).setResolution(id, content);
        return SdpResponses.ok(SdpEnvelopes.single("resolution", SdpRepresentations.resolution(request.resolution())));
    }
}
