package org.ecogov.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The local run's demo data beyond the registry's park, as SystemStack loads it at start (the same loaders as
 * {@code deploy/local/run}), read back through the gateway with real tokens: the emissions' hourly values, one of
 * their exceedances with its evidence, the silent device, and a second load stores nothing new; the drawn random
 * plan's inspections and the case whose rectification order was followed by a continuing penalty, with its arithmetic,
 * in the enterprise's profile; and a second load makes nothing new; the demo complaints: the overdue hotline calls in
 * the "who must act" query, the twice-transferred complaint escalated by complaints' scheduler with its ledger, the
 * odour cluster near the smelter as one matter of four complainants in the smelter's profile, and a second load files
 * and transfers nothing.
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
        DemoEmissions.Summary again = new DemoEmissions(SystemStack.DEMO_EMISSIONS_WINDOW).load(stack.gateway().baseUrl(), stack.admin,
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

    @Test
    void theOverdueHotlineCallsAreTheEebsAndInTheWhoMustActQuery() throws Exception {
        DemoComplaints.Summary loaded = stack.demoComplaints();
        assertThat(loaded.overdue()).hasSize(DemoComplaints.OVERDUE.size());
        String officer = user("eeb.officer");
        Reply overdue = gateway("GET", "/api/v1/complaints?under=341702&overdue=true&limit=100", bearer(officer));
        assertThat(overdue.status()).as(overdue.text()).isEqualTo(200);
        List<String> overdueIds = ids(overdue.json());
        assertThat(overdueIds).containsAll(loaded.overdue());
        for (String id : loaded.overdue()) {
            JsonNode complaint = gateway("GET", "/api/v1/complaints/" + id, bearer(officer)).json();
            assertThat(complaint.at("/owner/agencyCode").asText()).isEqualTo(DemoComplaints.EEB);
            assertThat(complaint.get("channel").asText()).isEqualTo("hotline");
            assertThat(complaint.get("status").asText()).isEqualTo("submitted");
            // the call came in days before it was entered: its acceptance deadline passed before the entry
            Instant acceptBy = Instant.parse(complaint.at("/deadlines/acceptBy").asText());
            assertThat(acceptBy).isBefore(Instant.parse(complaint.at("/audit/createdAt").asText()));
            assertThat(Instant.parse(complaint.get("submittedAt").asText()))
                    .isBefore(Instant.now().minus(Duration.ofDays(DemoComplaints.OVERDUE_DAYS_AGO - 1)));
            // the EEB handles it: it sees the caller's contact
            assertThat(complaint.has("contact")).isTrue();
        }
        // the agency's form of the query: its open complaints, soonest deadline first, the overdue ones among them
        Reply open = gateway("GET", "/api/v1/complaints?owner=" + DemoComplaints.EEB + "&open=true&limit=100", bearer(officer));
        assertThat(ids(open.json())).containsAll(loaded.overdue());
        List<Instant> due = new java.util.ArrayList<>();
        for (JsonNode item : open.json().get("items")) {
            // the running deadline: acceptance while submitted, resolution once accepted
            due.add(Instant.parse(item.at(item.get("status").asText().equals("submitted") ? "/deadlines/acceptBy"
                    : "/deadlines/resolveBy").asText()));
        }
        assertThat(due).isSorted();
    }

    @Test
    void theTwiceTransferredComplaintEscalatesToTheDistrictsLeadWithItsLedger() throws Exception {
        DemoComplaints.Summary loaded = stack.demoComplaints();
        assertThat(loaded.bouncedTransfers()).isEqualTo(DemoComplaints.TRANSFERS);
        String officer = user("eeb.officer");
        // complaints' scheduler escalates it on its next pass (every 2 s in the stack: SystemStack.SCHEDULES)
        Reply escalated = eventually(Duration.ofSeconds(30), () -> gateway("GET", "/api/v1/complaints/" + loaded.bounced(),
                bearer(officer)), reply -> reply.status() == 200 && reply.json().path("escalations").asInt() == 1);
        assertThat(escalated.json().path("escalations").asInt()).as(escalated.text()).isEqualTo(1);
        JsonNode complaint = escalated.json();
        assertThat(complaint.get("transfers").asInt()).isEqualTo(DemoComplaints.TRANSFERS);
        // first routed by Wusha Town's entry for noise; escalated to the lead of its parent, the district: the EEB, now
        // its owner by the district's entry
        assertThat(complaint.at("/owner/agencyCode").asText()).isEqualTo(DemoComplaints.EEB);
        assertThat(complaint.get("routedBy").asText()).isEqualTo("341702");

        Reply custody = gateway("GET", "/api/v1/complaints/" + loaded.bounced() + "/custody", bearer(officer));
        assertThat(custody.status()).as(custody.text()).isEqualTo(200);
        JsonNode steps = custody.json().get("items");
        List<String> holders = new java.util.ArrayList<>();
        steps.forEach(step -> holders.add(step.get("agencyCode").asText()));
        assertThat(holders).containsExactly(DemoComplaints.WUSHA_TOWN, DemoComplaints.EEB, DemoComplaints.WUSHA_TOWN,
                DemoComplaints.EEB);
        JsonNode last = steps.get(steps.size() - 1);
        assertThat(last.get("reason").asText()).contains("transferred 2 times");
        assertThat(last.has("to")).isFalse();
        for (int i = 0; i < steps.size() - 1; i++) {
            // each holder's time ends when the next one's starts
            assertThat(steps.get(i).get("to").asText()).isEqualTo(steps.get(i + 1).get("from").asText());
        }
    }

    @Test
    void theOdourClusterNearTheSmelterIsOneMatterInTheSmeltersProfile() throws Exception {
        DemoComplaints.Summary loaded = stack.demoComplaints();
        int size = DemoComplaints.ODOUR_CLUSTER.size();
        assertThat(loaded.cluster()).hasSize(size);
        assertThat(loaded.clusterComplainants()).isEqualTo(size);
        String officer = user("eeb.officer");
        List<String> codes = new java.util.ArrayList<>();
        for (String id : loaded.cluster()) {
            JsonNode complaint = gateway("GET", "/api/v1/complaints/" + id, bearer(officer)).json();
            assertThat(complaint.get("matterId").asText()).isEqualTo(loaded.clusterMatter());
            assertThat(complaint.get("complainants").asInt()).isEqualTo(size);
            // odour in Wusha Town: the park committee answers first; the EEB sees it in its jurisdiction, no contact
            assertThat(complaint.at("/owner/agencyCode").asText()).isEqualTo(DemoComplaints.PARK_COMMITTEE);
            assertThat(complaint.get("suspectedEnterprise").asText()).isEqualTo(DemoComplaints.SMELTER);
            assertThat(complaint.has("contact")).isFalse();
            codes.add(complaint.get("trackingCode").asText());
        }
        // each complainant follows their own code and sees how many complained
        Reply tracked = gateway("GET", "/api/v1/complaint-tracking/" + codes.get(0), Map.of());
        assertThat(tracked.status()).as(tracked.text()).isEqualTo(200);
        assertThat(tracked.json().get("complainants").asInt()).isEqualTo(size);

        Reply profile = gateway("GET", "/api/v1/enterprises/" + DemoComplaints.SMELTER + "/profile", bearer(officer));
        assertThat(profile.status()).as(profile.text()).isEqualTo(200);
        JsonNode complaints = profile.json().get("complaints");
        assertThat(complaints.get("status").asText()).as(profile.text()).isEqualTo("available");
        List<String> inProfile = new java.util.ArrayList<>();
        complaints.get("items").forEach(item -> inProfile.add(item.get("trackingCode").asText()));
        assertThat(inProfile).containsAll(codes);
    }

    @Test
    void loadingTheComplaintsAgainFilesAndTransfersNothing() {
        DemoComplaints.Summary loaded = stack.demoComplaints();
        assertThat(loaded.filedNow()).isEqualTo(DemoComplaints.OVERDUE.size() + DemoComplaints.ODOUR_CLUSTER.size() + 1);
        assertThat(loaded.transfersNow()).isEqualTo(DemoComplaints.TRANSFERS);
        DemoComplaints.Summary again = new DemoComplaints().load(stack.gateway().baseUrl(), stack.admin, ThroughTheGateway::user);
        assertThat(again.filedNow()).isZero();
        assertThat(again.transfersNow()).isZero();
        assertThat(again.overdue()).isEqualTo(loaded.overdue());
        assertThat(again.bounced()).isEqualTo(loaded.bounced());
        assertThat(again.cluster()).isEqualTo(loaded.cluster());
        assertThat(again.clusterComplainants()).isEqualTo(DemoComplaints.ODOUR_CLUSTER.size());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new java.util.ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
