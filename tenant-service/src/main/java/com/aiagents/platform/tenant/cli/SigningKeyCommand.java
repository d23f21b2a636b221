package com.aiagents.platform.tenant.cli;

import com.aiagents.platform.tenant.core.SigningKeys;
import com.nimbusds.jose.jwk.JWKSet;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.time.LocalDate;
import java.time.ZoneOffset;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code java -jar tenant-service.jar signing-key [--kid 2026-12]}: prints a JWK set holding one new
 * EC P-256 private key, ready for AUTH_SIGNING_KEYS (or to be added to it in a rotation,
 * docs/runbooks/key-rotation.md). It goes to standard output only: straight into the Secret.
 */
public class SigningKeyCommand extends Command {
    public SigningKeyCommand() {
        super("signing-key", "Print a new access-token signing key (a JWK set) for AUTH_SIGNING_KEYS");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--kid").help("the key's id (default: today's date, e.g. 2026-12-05)");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) {
        String kid = namespace.getString("kid");
        if (kid == null || kid.isBlank()) {
            kid = LocalDate.now(ZoneOffset.UTC).toString();
        }
        System.out.println(new JWKSet(SigningKeys.generate(kid)).toString(false));
    }
}
