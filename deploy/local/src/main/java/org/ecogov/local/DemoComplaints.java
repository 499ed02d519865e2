package org.ecogov.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo park's complaints, filed and handled through the complaints service's API with the demo users' own tokens,
 * as the people would:
 * <ul>
 * <li>{@link #OVERDUE}: hotline calls the EEB's officer enters {@value #OVERDUE_DAYS_AGO} days after they came in
 * ({@code receivedAt}), so their acceptance deadline has passed: the EEB owns them by the district's default and no
 * agency above the district is in the matrix, so they stay overdue with it;</li>
 * <li>{@link #BOUNCED}: a citizen's noise complaint in Wusha Town, owned by the town government, transferred to the
 * EEB and back again (each transfer with its reason, accepted by the receiver): after the second, complaints' scheduler
 * escalates it to the district's lead agency for noise, the EEB (its ledger says "transferred 2 times");</li>
 * <li>{@link #ODOUR_CLUSTER}: odour complaints from different citizens at Qianjiang Village, downwind of the Acme
 * smelter ({@link #SMELTER}, named as the suspected enterprise), one through the web as the demo citizen, the others
 * hotline calls the town's officer enters: all within 200 m of one another, so they are one matter of the park
 * committee, which answers odour in Wusha Town first. The cluster is about 800 m from the smelter itself, beyond the
 * grouping distance, so a complaint filed at the smelter's gate starts a matter of its own.</li>
 * </ul>
 * Idempotent, and a partial load is completed: each complaint is known by its description (a platform-admin lists
 * them all), so only the missing ones are filed; the bounced one's transfers go on from the count the complaint shows,
 * each requested with an Idempotency-Key derived from the complaint and the transfer's number, so a transfer left
 * waiting by an interrupted start is found again (its request replayed, within the runtime's 7-day retention) and
 * answered. Filed again after more than 72 h, the cluster's missing complaints would start a matter of their own.
 */
public final class DemoComplaints {

    public static final String SERVICE = "complaints";
    /** The suspected enterprise of the odour cluster: Acme's smelter in the park. */
    public static final String SMELTER = "91341702669392367N";
    public static final String EEB = "EEB-341702";
    public static final String WUSHA_TOWN = "TG-341702102";
    public static final String PARK_COMMITTEE = "PARK-QJIP";
    static final int OVERDUE_DAYS_AGO = 6;
    /** How many accepted transfers make complaints escalate ({@code complaints.escalation.after-transfers}). */
    static final int TRANSFERS = 2;
    private static final String VILLAGE = "341702102001";
    private static final ZoneId AGENCIES = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter RECORDED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    /** A demo complaint: what is filed, by whom, on which channel. */
    record Filing(String user, String category, String description, Map<String, Object> location, String channel,
                  String suspected, Map<String, String> contact, boolean receivedEarlier) {

        Map<String, Object> body(Instant now) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("category", category);
            body.put("description", description);
            body.put("location", location);
            body.put("channel", channel);
            if (suspected != null) {
                body.put("suspectedEnterprise", suspected);
            }
            if (contact != null) {
                body.put("contact", contact);
            }
            if (receivedEarlier) {
                body.put("receivedAt", RECORDED.format(now.minus(Duration.ofDays(OVERDUE_DAYS_AGO)).atZone(AGENCIES)));
            }
            return body;
        }
    }

    private static Map<String, Object> division(String code) {
        return Map.of("divisionCode", code);
    }

    private static Map<String, Object> point(double latitude, double longitude) {
        return Map.of("point", Map.of("latitude", latitude, "longitude", longitude), "divisionCode", VILLAGE);
    }

    static final List<Filing> OVERDUE = List.of(
            new Filing("eeb.officer", "water", "Oily sheen and dead fish on the irrigation channel below Xiejia Village.",
                    division("341702101002"), "hotline", null, Map.of("name", "Zhou Min", "phone", "+86 138 0000 1101"), true),
            new Filing("eeb.officer", "solid-waste", "Rusty drums of grey slag dumped by the Meijie Town road at night.",
                    division("341702103"), "hotline", null, Map.of("name", "Sun Hao", "phone", "+86 138 0000 1102"), true),
            new Filing("eeb.officer", "air", "Black smoke from a workshop chimney in Niutoushan Town every afternoon.",
                    division("341702101"), "hotline", null, Map.of("name", "Xu Lan", "phone", "+86 138 0000 1103"), true));

    static final Filing BOUNCED = new Filing("citizen", "noise",
            "Lorries and hammering at the slag yard by Qianjiang Village every night after 23:00.",
            division(VILLAGE), "web", null, Map.of("name", "Li Na", "phone", "+86 139 0000 5678"), false);

    static final List<Filing> ODOUR_CLUSTER = List.of(
            new Filing("citizen", "odour", "Rotten-egg smell in Qianjiang Village since dawn, downwind of the Acme smelter.",
                    point(30.7068, 117.3990), "web", SMELTER, Map.of("name", "Li Na", "phone", "+86 139 0000 5678"), false),
            new Filing("town.officer", "odour", "Caller reports a sulphur smell at the village school; children coughing.",
                    point(30.7072, 117.3998), "hotline", SMELTER, Map.of("name", "Zhang Wei", "phone", "+86 137 0000 2201"), false),
            new Filing("town.officer", "odour", "Caller reports an acrid smell by the river path east of the smelter.",
                    point(30.7061, 117.3985), "hotline", SMELTER, Map.of("name", "Chen Jing", "phone", "+86 137 0000 2202"), false),
            new Filing("town.officer", "odour", "Caller reports a burning smell at the village market; washing left out smells of it.",
                    point(30.7075, 117.3979), "hotline", SMELTER, Map.of("name", "Liu Yang", "email", "liu.yang@example.cn"), false));

    /** Who answers a transfer to an agency, and who asks for one from it. */
    private static final Map<String, String> OFFICER_OF = Map.of(EEB, "eeb.officer", WUSHA_TOWN, "town.officer");

    /**
     * What the start-up banner says: the complaints by id (as filed or found), how many were filed now, and the bounced
     * one's transfers and escalations as they stood at the end of the load (its escalation is the scheduler's, within
     * {@code complaints.escalation.every}).
     */
    public record Summary(List<String> overdue, String bounced, List<String> cluster, int filedNow, int transfersNow,
                          int bouncedTransfers, int bouncedEscalations, String clusterMatter, int clusterComplainants) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param gateway the gateway's base URL
     * @param admin   a platform-admin's current token (to find what an earlier start filed)
     * @param token   a current access token of a demo user by name
     */
    public Summary load(URI gateway, Supplier<String> admin, Function<String, String> token) {
        Map<String, Api> users = new HashMap<>();
        Function<String, Api> as = user -> users.computeIfAbsent(user, name -> new Api(gateway, token.apply(name)));
        Map<String, JsonNode> existing = existing(new Api(gateway, admin.get()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int[] filed = {0};
        Function<Filing, JsonNode> ensure = filing -> {
            JsonNode found = existing.get(filing.description());
            if (found != null) {
                return found;
            }
            filed[0]++;
            Api filer = as.apply(filing.user());
            String code = filer.send("POST", "/api/v1/complaints", filing.body(now), null, UUID.randomUUID().toString(),
                    Set.of(201)).body().get("trackingCode").asText();
            // the handler's view, with the id: the receipt has the code only
            Api reader = new Api(gateway, admin.get());
            String under = "/api/v1/complaints?limit=100&under=" + filing.location().get("divisionCode");
            for (JsonNode item : all(reader, under)) {
                if (item.get("trackingCode").asText().equals(code)) {
                    return item;
                }
            }
            throw new IllegalStateException("demo complaints: filed " + code + " but cannot find it");
        };
        List<String> overdue = new ArrayList<>();
        OVERDUE.forEach(filing -> overdue.add(ensure.apply(filing).get("id").asText()));
        List<String> cluster = new ArrayList<>();
        ODOUR_CLUSTER.forEach(filing -> cluster.add(ensure.apply(filing).get("id").asText()));
        JsonNode bounced = ensure.apply(BOUNCED);
        String bouncedId = bounced.get("id").asText();
        int transfersNow = 0;
        // town -> EEB, EEB -> town: each asked by the owner's officer and accepted by the receiver's
        while (bounced.path("transfers").asInt(0) < TRANSFERS && bounced.path("escalations").asInt(0) == 0) {
            int number = bounced.path("transfers").asInt(0) + 1;
            String from = bounced.at("/owner/agencyCode").asText();
            String to = from.equals(WUSHA_TOWN) ? EEB : WUSHA_TOWN;
            Api owner = as.apply(OFFICER_OF.get(from));
            Reply current = owner.get("/api/v1/complaints/" + bouncedId);
            Reply transfer = owner.send("POST", "/api/v1/complaints/" + bouncedId + "/transfers", Map.of("toAgency", to,
                            "reason", to.equals(EEB) ? "Noise from an industrial site: the EEB's to judge."
                                    : "Night-time lorries on the village road: a matter for the town."),
                    current.etag(), transferKey(bouncedId, number), Set.of(201));
            bounced = as.apply(OFFICER_OF.get(to)).send("POST", "/api/v1/complaints/" + bouncedId + "/transfers/"
                            + transfer.body().get("id").asText() + "/answer", Map.of("accept", true, "reason", "Accepted: ours to handle."),
                    null, null, Set.of(200)).body();
            transfersNow++;
        }
        JsonNode matter = new Api(gateway, admin.get()).get("/api/v1/complaints/" + cluster.get(cluster.size() - 1)).body();
        return new Summary(overdue, bouncedId, cluster, filed[0], transfersNow, bounced.path("transfers").asInt(0),
                bounced.path("escalations").asInt(0), matter.path("matterId").asText(null), matter.path("complainants").asInt(0));
    }

    /** The same key for the same transfer of the same complaint, so that a retry finds the transfer it asked for. */
    private static String transferKey(String complaintId, int number) {
        return UUID.nameUUIDFromBytes(("demo-complaints:" + complaintId + ":transfer:" + number).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Every complaint a platform-admin sees, by description (the demo's descriptions are its own). */
    private Map<String, JsonNode> existing(Api admin) {
        Map<String, JsonNode> byDescription = new HashMap<>();
        for (JsonNode item : all(admin, "/api/v1/complaints?limit=100")) {
            byDescription.putIfAbsent(item.get("description").asText(), item);
        }
        return byDescription;
    }

    /** Every page of a list, following {@code next}. */
    private static List<JsonNode> all(Api api, String path) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode page = api.get(path).body();
        while (true) {
            page.get("items").forEach(items::add);
            if (!page.hasNonNull("next")) {
                return items;
            }
            page = api.get(path + "&cursor=" + URLEncoder.encode(page.get("next").asText(), StandardCharsets.UTF_8)).body();
        }
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

        Reply get(String path) {
            return send("GET", path, null, null, null, Set.of(200));
        }

        Reply send(String method, String path, Object body, String ifMatch, String idempotencyKey, Set<Integer> expected) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
                if (body != null) {
                    request.header("Content-Type", "application/json");
                }
                if (idempotencyKey != null) {
                    request.header("Idempotency-Key", idempotencyKey);
                }
                if (ifMatch != null) {
                    request.header("If-Match", ifMatch);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (!expected.contains(response.statusCode())) {
                    throw new IllegalStateException("demo complaints: " + method + " " + path + " answered "
                            + response.statusCode() + ": " + response.body());
                }
                JsonNode answer = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
                return new Reply(answer, response.headers().firstValue("ETag").orElse(null));
            } catch (IOException e) {
                throw new UncheckedIOException("demo complaints: " + method + " " + path + " at " + base + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading demo complaints", e);
            }
        }
    }
}
