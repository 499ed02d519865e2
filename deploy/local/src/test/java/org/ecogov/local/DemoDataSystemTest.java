package org.ecogov.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The local run's demo data beyond the registry's park, as SystemStack loads it at start (the same loaders as
 * {@code deploy/local/run}), read back through the gateway with real tokens: the emissions' hourly values, one of
 * their exceedances with its evidence, the silent device, and a second load stores nothing new; the drawn random
 * plan's inspections and the case whose rectification order was followed by a continuing penalty, with its arithmetic,
 * in the enterprise's profile; and a second load makes nothing new.
 */
class DemoDataSystemTest extends ThroughTheGateway {

    private static final String ACME_STACK_1 = "/api/v1/emissions/enterprises/" + ACME;

    @Test
    void theDemoEmissionsAreThereEveryHourOfTheWindow() throws Exception {
        DemoEmissions.Summary loaded = stack.demoEmissions();
        long hours = Duration.between(loaded.from(), loaded.to()).toHours();
        Reply series = gateway("GET", ACME_STACK_1 + "/outlets/DA002/series/a21026?from=" + loaded.from() + "&to="
                + loaded.to(), bearer(user("eeb.officer")));
        assertThat(series.status()).as(series.text()).isEqualTo(200);
        assertThat(series.json().get("values")).hasSize((int) hours);
        assertThat(series.json().at("/values/0/time").asText()).isEqualTo(loaded.from().toString());
        // every outlet's channels, every hour, but the silent device's hours after it went quiet
        assertThat(loaded.values()).isGreaterThan(hours * 60);
    }

    @Test
    void anExceedanceOfTheDemoIsJudgedWithItsEvidence() throws Exception {
        DemoEmissions.Summary loaded = stack.demoEmissions();
        DemoEmissions.Episode episode = DemoEmissions.EPISODES.get(0);
        Instant first = loaded.from().plus(Duration.ofDays(episode.day())).plus(Duration.ofHours(episode.hour()));
        String officer = user("eeb.officer");
        Reply list = gateway("GET", "/api/v1/emissions/enterprises/" + episode.uscc() + "/exceedances?outlet="
                + episode.outlet() + "&pollutant=" + episode.pollutant() + "&limit=100", bearer(officer));
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        JsonNode found = null;
        for (JsonNode item : list.json().get("items")) {
            if (Instant.parse(item.get("firstPeriod").asText()).equals(first)) {
                found = item;
            }
        }
        assertThat(found).as(list.text()).isNotNull();
        assertThat(found.get("periods").asInt()).isEqualTo(episode.hours());
        assertThat(found.get("status").asText()).isEqualTo("closed");
        assertThat(found.get("maxRatio").asDouble()).isEqualTo(episode.factor());
        Reply one = gateway("GET", "/api/v1/emissions/enterprises/" + episode.uscc() + "/exceedances/" + found.get("id").asText(),
                bearer(officer));
        assertThat(one.json().get("evidence")).hasSize(episode.hours());
    }

    @Test
    void theSilentDeviceHasNoLatestValueAndItsLastExceedanceStaysOpen() throws Exception {
        String officer = user("eeb.officer");
        Reply profile = gateway("GET", "/api/v1/enterprises/" + DemoEmissions.SILENT_ENTERPRISE + "/profile", bearer(officer));
        assertThat(profile.status()).as(profile.text()).isEqualTo(200);
        JsonNode emissions = profile.json().get("emissions");
        assertThat(emissions.get("status").asText()).as(profile.text()).isEqualTo("available");
        assertThat(emissions.get("latestValues")).anySatisfy(value -> {
            assertThat(value.get("outletCode").asText()).isEqualTo(DemoEmissions.SILENT_OUTLET);
            assertThat(value.has("latest")).isFalse();
        });
        assertThat(emissions.get("openExceedances")).anySatisfy(exceedance -> {
            assertThat(exceedance.get("outletCode").asText()).isEqualTo(DemoEmissions.SILENT_OUTLET);
            assertThat(exceedance.get("pollutant").asText()).isEqualTo("a21026");
        });
    }

    @Test
    void loadingAgainStoresNothingNew() {
        DemoEmissions.Summary again = new DemoEmissions().load(stack.gateway().baseUrl(), stack.admin,
                stack.demoEmissions().to());
        assertThat(again.stored()).isZero();
        assertThat(again.replayed()).isEqualTo(again.batches());
        assertThat(again.values()).isEqualTo(stack.demoEmissions().values());
    }

    @Test
    void theDemoCaseShowsItsContinuingPenaltyWithItsArithmeticInTheProfile() throws Exception {
        DemoEnforcement.Summary loaded = stack.demoEnforcement();
        Reply profile = gateway("GET", "/api/v1/enterprises/" + DemoEnforcement.ENTERPRISE + "/profile", bearer(user("eeb.officer")));
        assertThat(profile.status()).as(profile.text()).isEqualTo(200);
        JsonNode enforcement = profile.json().get("enforcement");
        assertThat(enforcement.get("status").asText()).as(profile.text()).isEqualTo("available");
        JsonNode penalty = null;
        for (JsonNode theCase : enforcement.get("cases")) {
            for (JsonNode decision : theCase.get("decisions")) {
                if (decision.get("kind").asText().equals("daily-continuing-penalty")) {
                    penalty = decision.get("penalty");
                }
            }
        }
        assertThat(penalty).as(enforcement.toString()).isNotNull();
        // from the day after service to the follow-up today, both counted, at the fine per day
        assertThat(penalty.get("days").asInt()).isEqualTo(DemoEnforcement.SERVED_DAYS_AGO);
        assertThat(penalty.get("amountPerDay").asText()).isEqualTo(DemoEnforcement.FINE);
        assertThat(new java.math.BigDecimal(penalty.get("total").asText()))
                .isEqualByComparingTo(new java.math.BigDecimal(DemoEnforcement.FINE).multiply(java.math.BigDecimal.valueOf(DemoEnforcement.SERVED_DAYS_AGO)));
        assertThat(penalty.get("arithmetic").asText()).isEqualTo(loaded.penaltyArithmetic());
        assertThat(enforcement.get("inspections")).anySatisfy(i -> assertThat(i.get("kind").asText()).isEqualTo("follow-up"));
    }

    @Test
    void theRandomPlanWasDrawnAndASecondLoadMakesNothingNew() throws Exception {
        DemoEnforcement.Summary loaded = stack.demoEnforcement();
        assertThat(loaded.randomInspections()).isPositive();
        Reply random = gateway("GET", "/api/v1/inspections?kind=random&limit=100", bearer(user("eeb.officer")));
        assertThat(random.json().get("items")).hasSize(loaded.randomInspections());

        DemoEnforcement.Summary again = new DemoEnforcement().load(stack.gateway().baseUrl(), ThroughTheGateway::user);
        assertThat(again.planDrawn()).isFalse();
        assertThat(again.caseId()).isEqualTo(loaded.caseId());
        assertThat(again.randomInspections()).isEqualTo(loaded.randomInspections());
        Reply cases = gateway("GET", "/api/v1/cases?enterpriseUscc=" + DemoEnforcement.ENTERPRISE, bearer(user("eeb.officer")));
        assertThat(cases.json().get("items")).hasSize(1);
    }
}
