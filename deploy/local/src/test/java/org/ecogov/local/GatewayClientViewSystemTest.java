package org.ecogov.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a client sees of the platform's own addresses and of a request it got wrong, through the real gateway in front
 * of the real registry: every Location of a create points at the gateway (never at the registry's internal address,
 * whatever forwarding headers the client sends), and a request target that is not a URI is a problem with the
 * request's id, at the gateway and at the registry alike.
 */
class GatewayClientViewSystemTest extends ThroughTheGateway {

    @Test
    void everyLocationOfACreateThroughTheGatewayPointsAtTheGateway() throws Exception {
        Map<String, String> admin = bearer(user("admin"));
        String uscc = TestUsccs.fresh();
        String division = "341702102" + (900 + ThreadLocalRandom.current().nextInt(100));
        String agency = "TEST-" + ThreadLocalRandom.current().nextInt(1_000_000);
        Map<String, Map<String, Object>> creates = new LinkedHashMap<>();
        creates.put("/api/v1/divisions", Map.of("code", division, "name", "Test Village", "parentCode", "341702102"));
        creates.put("/api/v1/agencies", Map.of("code", agency, "details", Map.of("name", "Test Committee",
                "kind", "park-committee", "jurisdiction", "341702102")));
        creates.put("/api/v1/enterprises", Map.of("uscc", uscc, "details", Map.of("name", "Links Test Co., Ltd.",
                "legalRepresentative", "Test Person", "industryCode", "C3211", "address", "1 Test Road",
                "location", Map.of("latitude", 30.70, "longitude", 117.39), "divisionCode", "341702102001",
                "keyMonitored", false)));
        creates.put("/api/v1/enterprises/" + uscc + "/outlets", Map.of("code", "DW001", "kind", "water",
                "details", Map.of("name", "Outlet 1", "location", Map.of("latitude", 30.70, "longitude", 117.39),
                        "pollutants", java.util.List.of(Map.of("pollutant", "w01018", "limitMax", 100)))));
        creates.put("/api/v1/enterprises/" + uscc + "/permits", Map.of("number", uscc + "001P", "managementClass", "key",
                "validFrom", "2025-01-01", "validTo", "2029-12-31", "issuingAgency", "EEB-341702",
                "outletCodes", java.util.List.of("DW001")));

        String gateway = stack.gateway().baseUrl().toString();
        for (Map.Entry<String, Map<String, Object>> create : creates.entrySet()) {
            Map<String, String> headers = new LinkedHashMap<>(admin);
            // a client naming another host in the forwarding headers changes nothing: the gateway sends its own
            headers.put("X-Forwarded-Host", "evil.example");
            headers.put("X-Forwarded-Proto", "https");
            headers.put("X-Forwarded-Port", "6666");
            headers.put("Forwarded", "host=evil.example;proto=https");
            Reply created = gateway("POST", create.getKey(), headers, create.getValue());
            assertThat(created.status()).as(create.getKey() + ": " + created.text()).isEqualTo(201);

            String location = created.header("Location").orElseThrow();
            assertThat(location).as(create.getKey()).startsWith(gateway + create.getKey())
                    .doesNotContain(stack.service(REGISTRY).baseUrl().getAuthority(), "evil.example", "6666");
            Reply read = send(HTTP, URI.create(location), "GET", "", admin, null);
            assertThat(read.status()).as(location).isEqualTo(200);
        }
    }

    /** Issue 9's request: a bare 400 without an X-Request-Id, on the gateway and on the service. */
    @Test
    void aTargetThatIsNotAUriIsAProblemWithItsRequestIdAtTheGatewayAndAtTheRegistry() throws Exception {
        String officer = user("eeb.officer");
        for (URI server : new URI[] { stack.gateway().baseUrl(), stack.service(REGISTRY).baseUrl() }) {
            Map<String, String> answer = raw(server, "GET /api/v1/enterprises?nameContains=v~xx{~y{| HTTP/1.1\r\n"
                    + "Host: " + server.getAuthority() + "\r\nAuthorization: Bearer " + officer + "\r\n"
                    + "X-Request-Id: system-raw-1\r\nConnection: close\r\n\r\n");

            assertThat(answer.get(":status")).as(server + " " + answer).isEqualTo("400");
            assertThat(answer.get("content-type")).startsWith("application/problem+json");
            assertThat(answer.get("x-request-id")).isEqualTo("system-raw-1");
            JsonNode problem = JSON.readTree(answer.get(":body"));
            assertThat(problem.get("type").asText()).isEqualTo("/problems/malformed-request");
        }
    }

    /** The answer to a request no HTTP client sends: its status, headers (lower case) and body, read to the close. */
    private static Map<String, String> raw(URI server, String request) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(bytes);
            String text = bytes.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, end).split("\r\n");
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put(":status", head[0].split(" ")[1]);
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                answer.put(head[i].substring(0, colon).trim().toLowerCase(), head[i].substring(colon + 1).trim());
            }
            answer.put(":body", text.substring(end + 4));
            return answer;
        }
    }
}
