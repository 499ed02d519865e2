package org.ecogov.gateway.audit;

import jakarta.ws.rs.core.Response;

import org.ecogov.gateway.api.AuditApi;
import org.ecogov.gateway.config.GatewayAccess;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.audit.AuditAnswers;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.audit.AuditWitness;
import org.ecogov.runtime.audit.SqlConnectionSql;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.CallerProducer;
import org.ecogov.runtime.time.Clock;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The gateway's own audit log (every change to an API key, services/runtime's {@link AuditLog} over the Vert.x SQL
 * client) verified against the head its witness holds, asked with the platform-admin's own token; and the gateway as
 * a witness: the checkpoints of the services' chains it keeps ({@link AuditWitness}). Platform-admins with a realm
 * token only (GatewayAccess).
 */
@Authenticated
public class AuditResource implements AuditApi {

    private final AuditLog audit;
    private final AuditWitness witness;
    private final Pool pool;
    private final CallerProducer callers;
    private final Clock clock;

    public AuditResource(AuditLog audit, AuditWitness witness, Pool pool, CallerProducer callers, Clock clock) {
        this.audit = audit;
        this.witness = witness;
        this.pool = pool;
        this.callers = callers;
        this.clock = clock;
    }

    @Override
    @Access(GatewayAccess.READ_AUDIT)
    public Uni<Response> verifyAuditChain() {
        return callers.credential()
                .chain(credential -> audit.verify(new SqlConnectionSql(pool), credential))
                .map(verification -> Response.ok(AuditAnswers.verification(verification, clock.now())).build());
    }

    @Override
    @Access(AuditWitness.ACCESS)
    public Uni<Response> listAuditCheckpoints(String chain, String cursor, Integer limit) {
        return witness.list(chain, cursor, limit == null ? 100 : limit)
                .map(page -> Response.ok(AuditAnswers.checkpoints(page)).build());
    }

    @Override
    @Access(AuditWitness.ACCESS)
    public Uni<Response> getAuditCheckpointHead(String chain) {
        return witness.head(chain).map(head -> Response.ok(AuditAnswers.checkpoint(head.orElseThrow(() ->
                ProblemException.of(ProblemType.AUDIT_CHECKPOINT_NOT_FOUND,
                        "The gateway holds no checkpoint of the audit chain '" + chain + "'.")))).build());
    }
}
