package com.aiagents.platform.common.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.aiagents.platform.common.support.Http;
import com.aiagents.platform.common.support.Http.Reply;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.core.Configuration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(DropwizardExtensionsSupport.class)
class JsonErrorsTest {
    private static final DropwizardAppExtension<Configuration> APP =
            new DropwizardAppExtension<>(ErrorsTestApp.class, ResourceHelpers.resourceFilePath("test-server.yml"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REFERENCE =
            Pattern.compile("internal error; reference [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static String app(String path) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path;
    }

    private static ErrorBody errorOf(Reply reply, int status, String slug) throws Exception {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.body()).doesNotContain("Exception", "at com.", "at org.", "<html", ErrorsTestApp.SECRET_DETAIL);
        ErrorBody body = JSON.readValue(reply.body(), ErrorBody.class);
        assertThat(body.code()).isEqualTo(status);
        assertThat(body.error()).isEqualTo(slug);
        assertThat(body.message()).isNotBlank();
        return body;
    }

    private static Reply postJson(String json) {
        return Http.send(app("/test/payload"), "POST", "application/json", json);
    }

    @Test
    void apiExceptionKeepsItsStatusBodyAndRetryAfter() throws Exception {
        Reply reply = Http.get(app("/test/api"));
        ErrorBody body = errorOf(reply, 429, "rate_limited");
        assertThat(body.message()).isEqualTo("tenant is over its request rate");
        assertThat(reply.header("Retry-After")).isEqualTo("7");
        assertThat(reply.body()).doesNotContain("fields");
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        errorOf(Http.get(app("/no/such/path")), 404, "not_found");
    }

    @Test
    void wrongMethodIsMethodNotAllowedAndKeepsAllow() throws Exception {
        Reply reply = Http.send(app("/test/ok"), "DELETE", null, null);
        errorOf(reply, 405, "method_not_allowed");
        assertThat(reply.header("Allow")).contains("GET");
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() throws Exception {
        errorOf(Http.send(app("/test/payload"), "POST", "text/plain", "hello"), 415, "unsupported_media_type");
    }

    @Test
    void ownNotFoundMessageIsKept() throws Exception {
        ErrorBody body = errorOf(Http.get(app("/test/not-found-with-message")), 404, "not_found");
        assertThat(body.message()).isEqualTo("tenant acme-corp does not exist");
    }

    @Test
    void errorStatusWithoutBodyStillAnswersJson() throws Exception {
        errorOf(Http.get(app("/test/bare-404")), 404, "not_found");
    }

    @Test
    void malformedJsonIsInvalidJson() throws Exception {
        ErrorBody body = errorOf(postJson("{\"tenant_id\": \"acme\", "), 400, "invalid_json");
        assertThat(body.message()).contains("JSON");
    }

    @Test
    void unknownPropertyNamesTheField() throws Exception {
        ErrorBody body = errorOf(postJson("{\"tenant_id\": \"acme\", \"colour\": 1}"), 400, "invalid_json");
        assertThat(body.message()).isEqualTo("unknown field 'colour'");
        assertThat(body.fields()).extracting(FieldError::field).containsExactly("colour");
    }

    @Test
    void wrongTypeNamesTheFieldButNotTheValue() throws Exception {
        ErrorBody body = errorOf(postJson("{\"tenant_id\": \"acme\", \"count\": \"zzz-echo-check\"}"), 400, "invalid_json");
        assertThat(body.message()).contains("'count'");
        assertThat(body.message()).doesNotContain("zzz-echo-check");
    }

    @Test
    void hugeUnknownFieldNameIsNotEchoedInFull() throws Exception {
        String huge = "x".repeat(20_000);
        Reply reply = postJson("{\"" + huge + "\": 1}");
        errorOf(reply, 400, "invalid_json");
        assertThat(reply.body().length()).isLessThan(600);
    }

    @Test
    void beanValidationListsEveryFieldByItsJsonName() throws Exception {
        ErrorBody body = errorOf(
                postJson("{\"tenant_id\": \" \", \"enhancement_preferences\": {\"max_tokens\": 99999}}"),
                400, "invalid_request");
        assertThat(body.fields()).extracting(FieldError::field)
                .containsExactly("enhancement_preferences.max_tokens", "tenant_id");
        assertThat(body.fields()).allSatisfy(field -> assertThat(field.message()).isNotBlank());
    }

    @Test
    void missingBodyIsInvalidRequest() throws Exception {
        ErrorBody body = errorOf(postJson(""), 400, "invalid_request");
        assertThat(body.fields()).extracting(FieldError::field).containsExactly("body");
    }

    @Test
    void invalidQueryParameterIsNamed() throws Exception {
        ErrorBody body = errorOf(Http.get(app("/test/limited?limit=0")), 400, "invalid_request");
        assertThat(body.fields()).extracting(FieldError::field).containsExactly("limit");
    }

    @Test
    void unconvertibleQueryParameterIsABadRequestNamingItNotANotFound() throws Exception {
        ErrorBody body = errorOf(Http.get(app("/test/limited?limit=ten")), 400, "invalid_request");
        assertThat(body.fields()).extracting(FieldError::field).containsExactly("limit");
        assertThat(body.message()).doesNotContain("ten");
    }

    @Test
    void unexpectedExceptionIsAnInternalErrorWithAReferenceThatIsLogged() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(UnexpectedExceptionMapper.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            ErrorBody body = errorOf(Http.get(app("/test/boom")), 500, "internal_error");
            assertThat(body.message()).matches(REFERENCE);
            String reference = body.message().substring("internal error; reference ".length());
            assertThat(log.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).contains(reference);
                assertThat(event.getThrowableProxy().getMessage()).isEqualTo(ErrorsTestApp.SECRET_DETAIL);
            });
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void illegalStateIsAnInternalErrorNotDropwizardsBody() throws Exception {
        assertThat(errorOf(Http.get(app("/test/illegal-state")), 500, "internal_error").message()).matches(REFERENCE);
    }

    @Test
    void webApplicationException500HidesItsMessage() throws Exception {
        assertThat(errorOf(Http.get(app("/test/wae-500")), 500, "internal_error").message()).matches(REFERENCE);
    }

    @Test
    void adminUnknownPathIsJson() throws Exception {
        errorOf(Http.get("http://127.0.0.1:" + APP.getAdminPort() + "/no/such/admin/path"), 404, "not_found");
    }

    @Test
    void jettyRejectsOversizedHeadersWithJson() throws Exception {
        Reply reply = Http.send(app("/test/ok"), "PUT", "application/json", "{}", "X-Big", "b".repeat(20_000));
        errorOf(reply, 431, "request_header_fields_too_large");
    }

    @Test
    void jettyRejectsABadRequestLineWithJson() {
        String answer = Http.raw(APP.getLocalPort(), "GET /test/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/json");
        assertThat(answer).contains("\"error\":\"bad_request\"").doesNotContain("<html");
    }
}
