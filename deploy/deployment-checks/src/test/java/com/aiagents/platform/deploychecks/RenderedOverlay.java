package com.aiagents.platform.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** An overlay as `kubectl kustomize` renders it, when the machine has kubectl (.ci/run's machine does). */
final class RenderedOverlay {
    private RenderedOverlay() {
    }

    /** The rendered documents, or empty when kubectl is not installed. */
    static Optional<List<JsonNode>> render(String overlay) throws Exception {
        Optional<ExternalTool> kubectl = ExternalTool.find("kubectl", "KUBECTL");
        if (kubectl.isEmpty()) {
            return Optional.empty();
        }
        ExternalTool.Outcome rendered = kubectl.get().run(Repo.ROOT, "kustomize", "deploy/kubernetes/overlays/" + overlay);
        assertThat(rendered.exitCode()).as(rendered.printed()).isZero();
        // the first line is the command ExternalTool echoes
        return Optional.of(Repo.yamlDocuments(rendered.printed().substring(rendered.printed().indexOf('\n') + 1)));
    }
}
