package com.aiagents.platform.sdpsim.resources;

import com.aiagents.platform.sdpsim.core.AccessTokens;
import com.aiagents.platform.sdpsim.core.InstanceRegistry;
import com.aiagents.platform.sdpsim.core.ServerAddress;
import com.aiagents.platform.sdpsim.core.SimInstance;
import com.aiagents.platform.sdpsim.errors.SimApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /sdp/<instance>/oauth/v2/token}: the Zoho accounts server of a cloud instance
 * ({@code accounts_url} = the instance's base URL). Takes the refresh grant as form fields or,
 * as Zoho also does, as query parameters. Faults do not apply: Zoho is not the tenant's SDP.
 */
@Path("/sdp/{instance}/oauth/v2/token")
@Produces(MediaType.APPLICATION_JSON)
public final class OAuthTokenResource {

    private final InstanceRegistry registry;
    private final ServerAddress address;

    public OAuthTokenResource(InstanceRegistry registry, ServerAddress address) {
        this.registry = registry;
        this.address = address;
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public Map<String, Object> token(@PathParam("instance") String name,
                                     @FormParam("grant_type") String grantType,
                                     @FormParam("client_id") String clientId,
                                     @FormParam("client_secret") String clientSecret,
                                     @FormParam("refresh_token") String refreshToken,
                                     @QueryParam("grant_type") String grantTypeQuery,
                                     @QueryParam("client_id") String clientIdQuery,
                                     @QueryParam("client_secret") String clientSecretQuery,
                                     @QueryParam("refresh_token") String refreshTokenQuery) {
        SimInstance instance = registry.get(name);
        AccessTokens tokens = instance.accessTokens().orElseThrow(() -> SimApiException.notFound(
                "instance '" + name + "' is onprem; only cloud instances have a token endpoint"));
        AccessTokens.Grant grant = tokens.mint(InputData.of(grantType, grantTypeQuery),
                InputData.of(clientId, clientIdQuery), InputData.of(clientSecret, clientSecretQuery),
                InputData.of(refreshToken, refreshTokenQuery));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("access_token", grant.accessToken());
        reply.put("api_domain", address.baseUrl());
        reply.put("token_type", "Bearer");
        reply.put("expires_in", grant.expiresInSeconds());
        return reply;
    }
}
