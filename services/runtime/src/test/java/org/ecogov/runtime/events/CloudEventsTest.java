package org.ecogov.runtime.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class CloudEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aConsumerReadsAnEventWithAttributesAndDataMembersItDoesNotKnow() {
        String payload = """
                {"specversion":"1.0","id":"e1","source":"urn:ecogov:registry","type":"org.ecogov.registry.enterprise.changed.v1",
                 "subject":"enterprises/91341702669392367N","time":"2026-11-29T08:00:00.123456Z",
                 "datacontenttype":"application/json","somefutureextension":"x",
                 "data":{"enterprise":{"uscc":"91341702669392367N"},"reason":"r","aMemberAddedLater":{"deep":[1,2]}}}""";
        ReceivedEvent event = CloudEvents.read(JSON, payload);
        assertThat(event.id()).isEqualTo("e1");
        assertThat(event.type()).isEqualTo("org.ecogov.registry.enterprise.changed.v1");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-29T08:00:00.123456Z"));
        assertThat(event.data().path("reason").asText()).isEqualTo("r");
        assertThat(event.envelope()).isEqualTo(payload);
    }

    @Test
    void whatIsNoCloudEventIsRefusedSayingWhy() {
        assertThatThrownBy(() -> CloudEvents.read(JSON, "not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> CloudEvents.read(JSON, "[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> CloudEvents.read(JSON, "{\"specversion\":\"0.3\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\"}"))
                .hasMessageContaining("specversion");
        assertThatThrownBy(() -> CloudEvents.read(JSON, "{\"specversion\":\"1.0\",\"source\":\"s\",\"type\":\"t\"}"))
                .hasMessageContaining("id");
        assertThatThrownBy(() -> CloudEvents.read(JSON,
                "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"time\":\"yesterday\"}"))
                .hasMessageContaining("time");
    }

    @Test
    void theEnvelopeCarriesEveryRequiredAttributeAndTheTraceContextOnlyWhenThereIsOne() {
        UUID id = UUID.randomUUID();
        DomainEvent event = new DomainEvent("org.ecogov.registry.enterprise.created.v1", "enterprises/X", Map.of("a", 1));
        ObjectNode plain = CloudEvents.envelope(JSON, "urn:ecogov:registry", event, id,
                Instant.parse("2026-11-29T08:00:00.123456789Z"), TraceContext.NONE);
        assertThat(plain.get("id").asText()).isEqualTo(id.toString());
        assertThat(plain.get("time").asText()).isEqualTo("2026-11-29T08:00:00.123456Z");
        assertThat(plain.has("traceparent")).isFalse();
        assertThat(plain.get("data").get("a").asInt()).isEqualTo(1);

        ObjectNode traced = CloudEvents.envelope(JSON, "urn:ecogov:registry", event, id, Instant.now(),
                new TraceContext("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "a=1"));
        assertThat(traced.get("traceparent").asText()).startsWith("00-4bf92f");
        assertThat(traced.get("tracestate").asText()).isEqualTo("a=1");
        // what it writes, it reads
        assertThat(CloudEvents.read(JSON, traced.toString()).traceparent()).startsWith("00-4bf92f");
    }
}
