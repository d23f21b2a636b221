package com.aiagents.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme-corp", "a", "a1", "0", "x-y-z", "12345678901234567890123456789012345678901234567890"})
    void acceptsSlugs(String value) {
        assertThat(TenantId.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Acme", "acme corp", "../etc", "acme-", "-acme", "a;drop table x",
        "123456789012345678901234567890123456789012345678901", "ümlaut", "acme_corp", "dead", "processing"})
    void rejectsEverythingElse(String value) {
        assertThat(TenantId.isValid(value)).isFalse();
        assertThatThrownBy(() -> TenantId.of(value)).isInstanceOf(InvalidTenantIdException.class);
    }

    @Test
    void generatedIdsAreLowerCaseUuids() {
        String id = TenantId.generate().value();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void messagesNeverEchoTheInput() {
        assertThatThrownBy(() -> TenantId.of("<script>alert(1)</script>"))
                .hasMessageNotContaining("<script>");
    }

    @Test
    void enumsParseTheirWireNamesAndListChoicesOtherwise() {
        assertThat(Tier.fromWire("premium")).isEqualTo(Tier.PREMIUM);
        assertThat(Tier.PREMIUM.wireName()).isEqualTo("premium");
        assertThatThrownBy(() -> Tier.fromWire("gold")).hasMessage("tier must be one of [basic, premium]");
    }
}
