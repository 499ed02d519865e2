package org.ecogov.complaints.mapping;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ecogov.complaints.api.model.MatterTypeDto;
import org.ecogov.complaints.api.model.Open311DiscoveryDto;
import org.ecogov.complaints.api.model.Open311DiscoveryEndpointsInnerDto;
import org.ecogov.complaints.api.model.Open311RequestDto;
import org.ecogov.complaints.api.model.Open311ServiceDto;
import org.ecogov.complaints.api.model.Open311StatusDto;
import org.ecogov.complaints.domain.Complaint;
import org.ecogov.complaints.service.Open311Requests;
import org.ecogov.runtime.time.Clock;

/**
 * GeoReport v2's shapes. A request shows only what the disclosed view shows (category, status, the owning agency,
 * dates, the place's division code and its point rounded to about 100 m) and the last public update as its
 * {@code status_notes}: never the description, the contact details, the filer or the tracking code.
 */
public final class Open311Mapper {

    /** When this endpoint's contract last changed, as discovery.json tells clients. */
    public static final Instant CHANGESET = Instant.parse("2026-11-30T00:00:00Z");

    /** The services: one per complaint category, in the contract's order; name and description. */
    public static final Map<String, String[]> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("water", new String[] {"Water pollution", "Discharges into rivers, lakes or ground water; dead fish; discoloured water."});
        SERVICES.put("air", new String[] {"Air pollution", "Smoke, dust or fumes from chimneys, sites or burning."});
        SERVICES.put("noise", new String[] {"Noise", "Noise from works, machines or traffic beyond what is allowed."});
        SERVICES.put("solid-waste", new String[] {"Solid waste", "Dumped, burnt or leaking waste, including hazardous waste."});
        SERVICES.put("odour", new String[] {"Odour", "Smells from plants, drains or waste."});
        SERVICES.put("other", new String[] {"Other environmental matter", "Anything else harming the environment."});
    }

    private Open311Mapper() {
    }

    /** Discovery, with two members of ours: the one jurisdiction served and the most requests one query answers. */
    public static Open311DiscoveryDto discovery(String endpoint, String jurisdictionId) {
        return new Open311DiscoveryDto().changeset(Clock.utc(CHANGESET))
                .contact("ecogov platform team")
                .jurisdictionId(jurisdictionId)
                .maxRequests(Open311Requests.MOST)
                .keyService("API keys are issued to organisations by the platform's administrators.")
                .endpoints(List.of(new Open311DiscoveryEndpointsInnerDto()
                        .specification("http://wiki.open311.org/GeoReport_v2")
                        .url(endpoint)
                        .changeset(Clock.utc(CHANGESET))
                        .type(Open311DiscoveryEndpointsInnerDto.TypeEnum.PRODUCTION)
                        .formats(List.of(Open311DiscoveryEndpointsInnerDto.FormatsEnum.APPLICATION_JSON))));
    }

    public static List<Open311ServiceDto> services() {
        return SERVICES.entrySet().stream().map(e -> new Open311ServiceDto()
                .serviceCode(MatterTypeDto.fromValue(e.getKey()))
                .serviceName(e.getValue()[0])
                .description(e.getValue()[1])
                .metadata(false)
                .type(Open311ServiceDto.TypeEnum.REALTIME)
                .keywords(e.getKey())
                .group("environment")).toList();
    }

    public static Open311RequestDto request(Open311Requests.Request request) {
        Complaint c = request.complaint();
        Open311RequestDto dto = new Open311RequestDto()
                .serviceRequestId(c.id.toString())
                .status(Open311StatusDto.fromValue(Open311Requests.open311Status(c.status)))
                .statusNotes(request.lastUpdate() == null ? null : request.lastUpdate().text)
                .serviceCode(MatterTypeDto.fromValue(c.category))
                .serviceName(SERVICES.get(c.category)[0])
                .agencyResponsible(c.ownerAgencyName == null ? c.ownerAgency : c.ownerAgencyName + " (" + c.ownerAgency + ")")
                .requestedDatetime(Clock.utc(c.submittedAt))
                .updatedDatetime(Clock.utc(updated(c, request)))
                .expectedDatetime(c.dueAt == null ? null : Clock.utc(c.dueAt))
                .addressId(c.placeDivision);
        if (c.latitude != null && c.longitude != null) {
            dto.lat(ComplaintMapper.rounded(c.latitude))._long(ComplaintMapper.rounded(c.longitude));
        }
        return dto;
    }

    /** The last change the public can know of: the last public update, else the filing. */
    private static Instant updated(Complaint c, Open311Requests.Request request) {
        Instant at = c.submittedAt;
        if (request.lastUpdate() != null && request.lastUpdate().at.isAfter(at)) {
            at = request.lastUpdate().at;
        }
        return at;
    }
}
