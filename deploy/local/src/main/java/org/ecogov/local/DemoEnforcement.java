package org.ecogov.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo park's enforcement history, made through the enforcement service's API with the demo users' own tokens
 * (the lead draws and approves, the officer opens, proposes and issues, the inspector records), as the people would:
 * <ul>
 * <li>a random inspection plan of the district for this quarter, drawn (its inspections assigned to pairs);</li>
 * <li>at {@link #ENTERPRISE}, a routine inspection that found wastewater COD above its limit, a case opened from it,
 * a fine and a rectification order, approved and served {@link #SERVED_DAYS_AGO} days ago, and the order's follow-up
 * inspection, which found the violation continuing today: the service proposes the daily continuing penalty
 * (EPL art. 59) with its arithmetic, which the lead approves.</li>
 * </ul>
 * Idempotent: nothing is made when the district already has a random inspection (the plan), or the enterprise a case.
 */
public final class DemoEnforcement {

    public static final String SERVICE = "enforcement";
    public static final String ENTERPRISE = "91341702630566720G";
    public static final String JURISDICTION = "341702";
    static final int SERVED_DAYS_AGO = 20;
    static final String FINE = "50000.00";
    private static final ZoneId AGENCIES = ZoneId.of("Asia/Shanghai");
    /** A time as the phone records it: with seconds and the offset, as the contract's pattern wants. */
    private static final java.time.format.DateTimeFormatter RECORDED = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    /** What the start-up banner says. */
    public record Summary(boolean planDrawn, int randomInspections, String caseId, String penaltyArithmetic) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param gateway the gateway's base URL
     * @param token   a current access token of a demo user (lead, officer, inspector) by name
     */
    public Summary load(URI gateway, Function<String, String> token) {
        Api officer = new Api(gateway, token.apply("eeb.officer"));
        Api lead = new Api(gateway, token.apply("eeb.lead"));
        Api inspector = new Api(gateway, token.apply("inspector.li"));
        LocalDate today = LocalDate.now(AGENCIES);

        boolean drawn = false;
        JsonNode random = officer.get("/api/v1/inspections?kind=random&limit=100");
        if (random.get("items").isEmpty()) {
            LocalDate quarter = today.withDayOfMonth(1).minusMonths((today.getMonthValue() - 1) % 3);
            Reply plan = lead.send("POST", "/api/v1/inspection-plans", Map.of("title", "Guichi District random inspections, "
                            + quarter.getYear() + " Q" + ((quarter.getMonthValue() - 1) / 3 + 1),
                    "jurisdiction", JURISDICTION, "periodStart", quarter.toString(),
                    "periodEnd", quarter.plusMonths(3).minusDays(1).toString(), "samplingRatio", "0.25",
                    "inspectors", List.of("inspector.li", "inspector.wang", "inspector.zhao", "inspector.sun")), null, Set.of(201));
            lead.send("POST", "/api/v1/inspection-plans/" + plan.body().get("id").asText() + "/draw", Map.of(), plan.etag(),
                    Set.of(200, 201));
            drawn = true;
            random = officer.get("/api/v1/inspections?kind=random&limit=100");
        }

        JsonNode cases = officer.get("/api/v1/cases?enterpriseUscc=" + ENTERPRISE + "&limit=1");
        String caseId;
        if (cases.get("items").isEmpty()) {
            caseId = caseWithAContinuingPenalty(officer, lead, inspector, today);
        } else {
            caseId = cases.at("/items/0/id").asText();
        }
        JsonNode theCase = officer.get("/api/v1/cases/" + caseId);
        String arithmetic = null;
        for (JsonNode decision : theCase.get("decisions")) {
            if (decision.has("penalty")) {
                arithmetic = decision.at("/penalty/arithmetic").asText();
            }
        }
        return new Summary(drawn, random.get("items").size(), caseId, arithmetic);
    }

    private String caseWithAContinuingPenalty(Api officer, Api lead, Api inspector, LocalDate today) {
        String outlet = "DW001";
        Reply inspection = officer.send("POST", "/api/v1/inspections", Map.of("kind", "routine", "enterpriseUscc", ENTERPRISE,
                "inspectors", List.of("inspector.li", "inspector.wang")), null, Set.of(201));
        String inspectionId = inspection.body().get("id").asText();
        String arrived = RECORDED.format(today.minusDays(SERVED_DAYS_AGO + 2).atTime(9, 30).atZone(AGENCIES));
        String left = RECORDED.format(today.minusDays(SERVED_DAYS_AGO + 2).atTime(11, 0).atZone(AGENCIES));
        Map<String, Object> site = Map.of("latitude", 30.7034, "longitude", 117.3966);
        Reply onSite = inspector.send("PUT", "/api/v1/inspections/" + inspectionId, Map.of("status", "on-site",
                "arrivedAt", arrived), inspection.etag(), Set.of(200, 201));
        inspector.send("PUT", "/api/v1/inspections/" + inspectionId, Map.of("status", "completed", "arrivedAt", arrived,
                "leftAt", left, "location", site,
                "checklist", List.of(Map.of("code", "W-1", "question", "Is the online COD analyser running and calibrated?",
                        "answer", "yes")),
                "findings", List.of(Map.of("code", "W-3.2", "description",
                        "COD at the wastewater outlet sampled at 140 mg/L against a limit of 100 mg/L.", "violation", true,
                        "outletCode", outlet, "pollutantCode", "w01018"))), onSite.etag(), Set.of(200, 201));

        Reply opened = officer.send("POST", "/api/v1/cases", Map.of("enterpriseUscc", ENTERPRISE, "inspectionId", inspectionId,
                "violations", List.of(Map.of("legalBasis", "Water Pollution Prevention and Control Law art. 83(2)",
                        "description", "Wastewater discharged with COD above the permitted concentration.",
                        "pollutantCode", "w01018", "outletCode", outlet))), null, Set.of(201));
        String caseId = opened.body().get("id").asText();
        String served = today.minusDays(SERVED_DAYS_AGO).toString();

        Reply fine = officer.send("POST", "/api/v1/cases/" + caseId + "/decisions", Map.of("kind", "fine",
                "description", "Fine for discharging COD above the permitted concentration.", "amount", FINE), null, Set.of(201));
        issue(lead, officer, fine, served, List.of());
        Reply order = officer.send("POST", "/api/v1/cases/" + caseId + "/decisions", Map.of("kind", "rectification-order",
                "description", "Bring COD at the wastewater outlet within its limit.",
                "rectificationDeadline", today.plusDays(10).toString(), "fineDecisionId", fine.body().get("id").asText()),
                null, Set.of(201));
        issue(lead, officer, order, served, List.of("inspector.li"));

        // the follow-up the issue scheduled, completed today: the violation continues
        JsonNode followUps = officer.get("/api/v1/inspections?enterpriseUscc=" + ENTERPRISE + "&kind=follow-up&limit=10");
        String followUpId = followUps.at("/items/0/id").asText();
        Reply followUp = inspector.get("/api/v1/inspections/" + followUpId, true);
        String now = RECORDED.format(java.time.ZonedDateTime.now(AGENCIES).minusMinutes(30));
        String later = RECORDED.format(java.time.ZonedDateTime.now(AGENCIES).minusMinutes(5));
        Reply there = inspector.send("PUT", "/api/v1/inspections/" + followUpId, Map.of("status", "on-site", "arrivedAt", now),
                followUp.etag(), Set.of(200, 201));
        inspector.send("PUT", "/api/v1/inspections/" + followUpId, Map.of("status", "completed", "arrivedAt", now,
                "leftAt", later, "location", site, "rectificationFinding", "continuing",
                "findings", List.of(Map.of("description", "COD still above its limit: 128 mg/L.", "violation", true,
                        "outletCode", outlet, "pollutantCode", "w01018"))), there.etag(), Set.of(200, 201));

        // the penalty the follow-up proposed, approved by the lead
        JsonNode theCase = officer.get("/api/v1/cases/" + caseId);
        for (JsonNode decision : theCase.get("decisions")) {
            if (decision.get("kind").asText().equals("daily-continuing-penalty")) {
                Reply proposed = lead.get("/api/v1/decisions/" + decision.get("id").asText(), true);
                lead.send("POST", "/api/v1/decisions/" + decision.get("id").asText() + "/approval",
                        Map.of("note", "Approved: the violation continued after the order was served."), proposed.etag(), Set.of(200, 201));
            }
        }
        return caseId;
    }

    /** The lead approves, the officer issues (serves) it. */
    private static void issue(Api lead, Api officer, Reply proposed, String servedOn, List<String> followUpInspectors) {
        String id = proposed.body().get("id").asText();
        Reply approved = lead.send("POST", "/api/v1/decisions/" + id + "/approval", Map.of("note", "Approved."),
                proposed.etag(), Set.of(200, 201));
        officer.send("POST", "/api/v1/decisions/" + id + "/issuance", followUpInspectors.isEmpty()
                        ? Map.of("servedOn", servedOn) : Map.of("servedOn", servedOn, "followUpInspectors", followUpInspectors),
                approved.etag(), Set.of(200, 201));
    }

    private record Reply(JsonNode body, String etag) {
    }

    /** The API as one demo user calls it; any unexpected answer stops the load with the problem body. */
    private final class Api {
        private final URI base;
        private final String token;

        Api(URI base, String token) {
            this.base = base;
            this.token = token;
        }

        JsonNode get(String path) {
            return get(path, false).body();
        }

        Reply get(String path, boolean withEtag) {
            return send("GET", path, null, null, Set.of(200, 201));
        }

        Reply send(String method, String path, Object body, String ifMatch, Set<Integer> expected) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
                if (body != null) {
                    request.header("Content-Type", "application/json");
                }
                if (method.equals("POST") && ifMatch == null) {
                    request.header("Idempotency-Key", UUID.randomUUID().toString());
                }
                if (ifMatch != null) {
                    request.header("If-Match", ifMatch);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (!expected.contains(response.statusCode())) {
                    throw new IllegalStateException("demo enforcement: " + method + " " + path + " answered "
                            + response.statusCode() + ": " + response.body());
                }
                JsonNode answer = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
                return new Reply(answer, response.headers().firstValue("ETag").orElse(null));
            } catch (IOException e) {
                throw new UncheckedIOException("demo enforcement: " + method + " " + path + " at " + base + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading demo enforcement", e);
            }
        }
    }
}
