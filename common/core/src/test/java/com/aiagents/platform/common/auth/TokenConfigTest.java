package com.aiagents.platform.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class TokenConfigTest {
    private static final String SHORT = "short-tok-15chr";

    @Test
    void shortTokenIsRejectedWithoutNamingIt() {
        AuthConfig config = new AuthConfig(List.of(TokenConfig.plain("admin", Role.ADMIN, SHORT)));
        assertThatThrownBy(config::credentials)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'admin'")
                .hasMessageContaining("at least 16")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SHORT));
    }

    @Test
    void aStaticTokenCannotHaveATenantRole() {
        for (Role role : List.of(Role.TENANT_ADMIN, Role.TENANT_VIEWER)) {
            AuthConfig config = new AuthConfig(List.of(TokenConfig.plain("customer", role, "customer-token-0123456789")));
            assertThatThrownBy(config::credentials).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'customer'").hasMessageContaining(role.value());
        }
    }

    @Test
    void sixteenCharactersAreEnough() {
        assertThat(new AuthConfig(List.of(TokenConfig.plain("admin", Role.ADMIN, SHORT + "x"))).credentials())
                .hasSize(1);
    }

    @Test
    void plainTokenIsStoredOnlyAsItsSha256() {
        TokenCredential credential = TokenConfig.plain("ops", Role.OPERATOR, "operator-token-0123456789")
                .credential().orElseThrow();
        assertThat(HexFormat.of().formatHex(credential.sha256()))
                .isEqualTo(HexFormat.of().formatHex(Sha256.of("operator-token-0123456789")));
    }

    @Test
    void unsetTokensAreSkippedWithAWarningNamingOnlyTheEntry() {
        Logger logger = (Logger) LoggerFactory.getLogger(AuthConfig.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            AuthConfig config = new AuthConfig(List.of(
                    TokenConfig.plain("from-empty-env", Role.ADMIN, ""),
                    TokenConfig.plain("gates-runner", Role.SERVICE, "${GATES_SERVICE_TOKEN}"),
                    TokenConfig.plain("kept", Role.VIEWER, "viewer-token-0123456789")));
            assertThat(config.credentials()).extracting(TokenCredential::name).containsExactly("kept");
            assertThat(log.list).filteredOn(event -> event.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(message -> assertThat(message).contains("'from-empty-env'"))
                    .anySatisfy(message -> assertThat(message).contains("'gates-runner'"))
                    .allSatisfy(message -> assertThat(message).doesNotContain("viewer-token", "${"));
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void bothFormsAtOnceAreRejected() {
        TokenConfig both = TokenConfig.plain("x", Role.ADMIN, "admin-token-0123456789");
        both.setTokenSha256("a".repeat(64));
        assertThatThrownBy(() -> both.credential()).hasMessageContaining("both");
    }

    @Test
    void malformedSha256IsRejected() {
        assertThatThrownBy(() -> TokenConfig.hashed("x", Role.ADMIN, "abc123").credential())
                .hasMessageContaining("64 hex");
    }

    @Test
    void missingRoleOrNameIsRejected() {
        assertThatThrownBy(() -> TokenConfig.plain("x", null, "admin-token-0123456789").credential())
                .hasMessageContaining("needs a role");
        assertThatThrownBy(() -> TokenConfig.plain(" ", Role.ADMIN, "admin-token-0123456789").credential())
                .hasMessageContaining("needs a name");
    }

    @Test
    void theSameTokenTwiceIsRejected() {
        AuthConfig config = new AuthConfig(List.of(
                TokenConfig.plain("a", Role.ADMIN, "same-token-0123456789"),
                TokenConfig.hashed("b", Role.VIEWER, HexFormat.of().formatHex(Sha256.of("same-token-0123456789")))));
        assertThatThrownBy(config::credentials).hasMessageContaining("'a'").hasMessageContaining("'b'");
    }

    @Test
    void bindsFromJsonWithLowerCaseRolesAndNeverWritesTheToken() throws Exception {
        ObjectMapper json = new ObjectMapper();
        AuthConfig config = json.readValue(
                "{\"tokens\":[{\"name\":\"ops\",\"role\":\"operator\",\"token\":\"operator-token-0123456789\"}]}",
                AuthConfig.class);
        assertThat(config.credentials()).extracting(TokenCredential::role).containsExactly(Role.OPERATOR);
        assertThat(json.writeValueAsString(config)).doesNotContain("operator-token-0123456789");
    }

    @Test
    void rolesReadAndWriteInLowerCase() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(Role.SERVICE)).isEqualTo("\"service\"");
        assertThat(json.readValue("\"Admin\"", Role.class)).isEqualTo(Role.ADMIN);
        assertThatThrownBy(() -> Role.fromValue("root")).hasMessageContaining("expected admin");
    }
}
