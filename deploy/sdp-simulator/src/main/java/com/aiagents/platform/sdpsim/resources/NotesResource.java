package com.aiagents.platform.sdpsim.resources;

import com.aiagents.platform.sdpsim.api.ListInfo;
import com.aiagents.platform.sdpsim.api.ListInfoInput;
import com.aiagents.platform.sdpsim.api.NoteInput;
import com.aiagents.platform.sdpsim.api.SdpEnvelopes;
import com.aiagents.platform.sdpsim.api.SdpRepresentations;
import com.aiagents.platform.sdpsim.core.Page;
import com.aiagents.platform.sdpsim.core.InstanceRegistry;
import com.aiagents.platform.sdpsim.core.SimInstance;
import com.aiagents.platform.sdpsim.core.StoredNote;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /sdp/<instance>/api/v3/requests/{id}/notes}: list and add notes. Notes fire no webhook. */
@Path("/sdp/{instance}/api/v3/requests/{id}/notes")
@SdpApi
public final class NotesResource {

    private final InstanceRegistry registry;
    private final NoteInput noteInput;
    private final ListInfoInput listInfoInput;

    public NotesResource(InstanceRegistry registry, NoteInput noteInput, ListInfoInput listInfoInput) {
        this.registry = registry;
        this.noteInput = noteInput;
        this.listInfoInput = listInfoInput;
    }

    @GET
    public Response list(@PathParam("instance") String name, @PathParam("id") String id,
                         @QueryParam("input_data") String inputData) {
        SimInstance instance = registry.getForSdpApi(name);
        ListInfo listInfo = listInfoInput.parse(inputData, false);
        Page<StoredNote> page = instance.store().notes(id, listInfo.startIndex(), listInfo.rowCount());
        return SdpResponses.ok(SdpEnvelopes.list("notes",
                page.items().stream().map(n -> SdpRepresentations.note(n, instance.edition())).toList(), page, listInfo));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@PathParam("instance") String name, @PathParam("id") String id,
                        @FormParam("input_data") String form, @QueryParam("input_data") String query) {
        SimInstance instance = registry.getForSdpApi(name);
        StoredNote note = instance.store().addNote(id, noteInput.note(InputData.of(form, query), instance.edition()));
        return SdpResponses.created(SdpEnvelopes.single(instance.edition().noteWrapper(),
                SdpRepresentations.note(note, instance.edition())));
    }
}
