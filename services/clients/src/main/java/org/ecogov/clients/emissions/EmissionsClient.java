package org.ecogov.clients.emissions;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.clients.GuardedCalls;
import org.ecogov.clients.ServiceCallException;
import org.ecogov.clients.emissions.generated.api.ExceedancesApi;
import org.ecogov.clients.emissions.generated.api.LatestValuesApi;
import org.ecogov.clients.emissions.generated.api.ReadingsApi;
import org.ecogov.clients.emissions.generated.model.AnnualDischarge;
import org.ecogov.clients.emissions.generated.model.ExceedancePage;
import org.ecogov.clients.emissions.generated.model.LatestValues;
import org.ecogov.clients.emissions.generated.model.RecordStatus;
import org.ecogov.runtime.security.Credential;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * The emissions service as the gateway's enterprise profile reads it: the REST client generated from
 * api-specs/emissions.yaml behind one SmallRye Fault Tolerance guard ({@link GuardedCalls}), called with the
 * caller's {@link Credential}, so emissions applies its own scope rules (an enterprise outside the caller's scope
 * is {@link ServiceCallException.Kind#NOT_FOUND}, a caller it does not serve {@link ServiceCallException.Kind#REFUSED}).
 */
@ApplicationScoped
public class EmissionsClient {

    public static final String SERVICE = "emissions";

    private final LatestValuesApi latest;
    private final ExceedancesApi exceedances;
    private final ReadingsApi readings;
    private final GuardedCalls calls;

    public EmissionsClient(@RestClient LatestValuesApi latest, @RestClient ExceedancesApi exceedances,
            @RestClient ReadingsApi readings, EmissionsClientConfig config, ObjectMapper json) {
        this.latest = latest;
        this.exceedances = exceedances;
        this.readings = readings;
        this.calls = new GuardedCalls(SERVICE, config, json);
    }

    /** The latest hourly value of each outlet and pollutant with a limit in force, against its limit (the last week). */
    public Uni<LatestValues> latestValues(Credential credential, String uscc) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                .chain(authorization -> latest.listLatestValues(authorization, requestId, uscc, null)));
    }

    /** The first page of the enterprise's open exceedances, newest first. */
    public Uni<ExceedancePage> openExceedances(Credential credential, String uscc, int limit) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                .chain(authorization -> exceedances.listExceedances(authorization, requestId, uscc, null, null,
                        RecordStatus.OPEN, null, null, null, limit)));
    }

    /** What the enterprise discharged in a UTC year against its permitted annual totals. */
    public Uni<AnnualDischarge> annualDischarge(Credential credential, String uscc, int year) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                .chain(authorization -> readings.getAnnualDischarge(authorization, requestId, uscc, year)));
    }
}
