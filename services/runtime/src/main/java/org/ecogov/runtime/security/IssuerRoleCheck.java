package org.ecogov.runtime.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Each trusted issuer vouches only for its own kind of caller: a token the gateway signed is a third party's and
 * carries exactly the role {@value Roles#THIRD_PARTY}; a token of the realm never carries it. Anything else is
 * refused as unauthenticated (401), so neither a gateway fault nor a stray realm role can turn an API key into an
 * official, or a person into an API key whose scopes nobody granted.
 */
@ApplicationScoped
public class IssuerRoleCheck implements SecurityIdentityAugmentor {

    private static final Set<String> GATEWAY_ROLES = Set.of(Roles.THIRD_PARTY);

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        if (GatewayTokens.signedByGateway(identity)) {
            if (!identity.getRoles().equals(GATEWAY_ROLES)) {
                return refuse("a gateway token must carry exactly the role " + Roles.THIRD_PARTY);
            }
        } else if (identity.getRoles().contains(Roles.THIRD_PARTY)) {
            return refuse("only the gateway may vouch for a " + Roles.THIRD_PARTY + " caller");
        }
        return Uni.createFrom().item(identity);
    }

    private static Uni<SecurityIdentity> refuse(String reason) {
        return Uni.createFrom().failure(new AuthenticationFailedException(reason));
    }
}
