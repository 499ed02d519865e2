package org.ecogov.complaints.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.core.Response;

import org.ecogov.complaints.api.Open311Api;
import org.ecogov.complaints.api.model.MatterTypeDto;
import org.ecogov.complaints.api.model.Open311RequestReceiptDto;
import org.ecogov.complaints.api.model.Open311ServiceDefinitionDto;
import org.ecogov.complaints.api.model.Open311TokenDto;
import org.ecogov.complaints.config.ComplaintsAccess;
import org.ecogov.complaints.config.ComplaintsConfig;
import org.ecogov.complaints.mapping.Open311Mapper;
import org.ecogov.complaints.service.ComplaintService;
import org.ecogov.complaints.service.Open311Requests;
import org.ecogov.complaints.service.Submission;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.rest.Responses;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.CallerProducer;
import org.ecogov.runtime.time.Clock;

import io.smallrye.mutiny.Uni;

/**
 * Open311 GeoReport v2 over the complaints (config/ComplaintsAccess: the reads are open without a credential and
 * show the disclosed view only; filing needs a key with complaints:write or a token). Errors come out in
 * GeoReport's shape (Open311Errors); the rules are ComplaintService's and Open311Requests'.
 */
@PermitAll // the reads admit anonymous callers (ComplaintsAccess.admitOpen311Reader); filing checks its caller itself
public class Open311Resource implements Open311Api {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final CallerProducer callers;
    private final ComplaintService complaints;
    private final Open311Requests requests;
    private final ComplaintsConfig config;

    public Open311Resource(CallerProducer callers, ComplaintService complaints, Open311Requests requests,
            ComplaintsConfig config) {
        this.callers = callers;
        this.complaints = complaints;
        this.requests = requests;
        this.config = config;
    }

    /** A reader, admitted as ComplaintsAccess says, calling about the one jurisdiction served (404 for another). */
    private Uni<Caller> reader(String jurisdictionId) {
        return callers.resolve().map(ComplaintsAccess::admitOpen311Reader).invoke(caller -> jurisdiction(jurisdictionId));
    }

    /**
     * GeoReport's jurisdiction_id: optional for an endpoint of one jurisdiction; one this endpoint does not serve is
     * 404 naming it, as the standard answers an unknown jurisdiction.
     */
    private void jurisdiction(String jurisdictionId) {
        if (jurisdictionId != null && !jurisdictionId.equals(config.open311().jurisdictionId())) {
            throw ProblemException.field(ProblemType.NOT_FOUND, "jurisdiction_id",
                    "this endpoint serves the jurisdiction " + config.open311().jurisdictionId() + " only");
        }
    }

    @Override
    @Access(ComplaintsAccess.OPEN311_READ)
    public Uni<Response> getOpen311Discovery() {
        return reader(null).map(caller -> Responses.ok(Open311Mapper.discovery(config.open311().endpoint(),
                config.open311().jurisdictionId())));
    }

    @Override
    @Access(ComplaintsAccess.OPEN311_READ)
    public Uni<Response> listOpen311Services(String jurisdictionId) {
        return reader(jurisdictionId).map(caller -> Responses.ok(Open311Mapper.services()));
    }

    @Override
    @Access(ComplaintsAccess.OPEN311_READ)
    public Uni<Response> getOpen311Service(MatterTypeDto serviceCode, String jurisdictionId) {
        return reader(jurisdictionId).map(caller -> Responses.ok(new Open311ServiceDefinitionDto().serviceCode(serviceCode)
                .attributes(List.of())));
    }

    @Override
    @Access(ComplaintsAccess.SUBMIT)
    public Uni<Response> createOpen311Request(String serviceCode, String description, String addressId,
            String jurisdictionId, String lat, String _long, String addressString, String email, String firstName,
            String lastName, String phone, String deviceId, String accountId, String mediaUrl, String apiKey) {
        return callers.resolve().map(caller -> {
            if (caller.isAnonymous()) {
                throw ProblemException.of(ProblemType.UNAUTHENTICATED,
                        "Filing a service request needs an API key (the form field api_key) or a bearer token.");
            }
            return ComplaintsAccess.admitSubmitter(caller);
        }).chain(caller -> {
            Open311Form.check("jurisdiction_id", jurisdictionId);
            jurisdiction(jurisdictionId);
            Submission submission = submission(caller, serviceCode, description, addressId, lat, _long,
                    addressString, email, firstName, lastName, phone, deviceId, accountId, mediaUrl);
            return complaints.route(caller, submission)
                    .chain(routed -> complaints.file(caller, submission, routed))
                    .map(complaint -> Responses.created("/open311/v2/requests/" + complaint.id + ".json",
                            List.of(new Open311RequestReceiptDto().serviceRequestId(complaint.id.toString())
                                    .token(complaint.trackingCode)
                                    .serviceNotice("Received and passed to " + complaint.ownerAgency
                                            + ", which must accept or reject it by "
                                            + DAY.format(Clock.agencyDay(complaint.acceptBy))
                                            + ". The token is the complaint's tracking code: keep it."))));
        });
    }

    private static Submission submission(Caller caller, String serviceCode, String description,
            String addressId, String latText, String longText, String addressString, String email, String firstName,
            String lastName, String phone, String deviceId, String accountId, String mediaUrl) {
        Open311Form.required("service_code", serviceCode);
        Open311Form.serviceCode(serviceCode);
        Open311Form.required("description", description);
        Open311Form.check("description", description);
        // the division code routes the complaint; GeoReport has no field for a suspected enterprise
        Open311Form.required("address_id", addressId);
        Open311Form.check("address_id", addressId);
        Double lat = Open311Form.degrees("lat", latText, 90);
        Double _long = Open311Form.degrees("long", longText, 180);
        if ((lat == null) != (_long == null)) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, lat == null ? "lat" : "long",
                    "lat and long come together");
        }
        Open311Form.check("address_string", addressString);
        Open311Form.check("email", email);
        Open311Form.check("first_name", firstName);
        Open311Form.check("last_name", lastName);
        Open311Form.check("phone", phone);
        Open311Form.check("device_id", deviceId);
        Open311Form.check("account_id", accountId);
        // a reference for the handling agency, never fetched here (photos the platform keeps are sent with the token)
        String media = Open311Form.mediaUrl(mediaUrl);
        String name = firstName == null ? lastName : lastName == null ? firstName : firstName + " " + lastName;
        // a key's app files on the channel app, a signed-in person on web (ComplaintService checks who may)
        String channel = caller.isThirdParty() ? "app" : "web";
        return new Submission(serviceCode, description, lat, _long, addressId, null, null, channel, name,
                phone, email, null, media);
    }

    @Override
    @Access(ComplaintsAccess.OPEN311_READ)
    public Uni<Response> listOpen311Requests(String jurisdictionId, String serviceRequestId, String serviceCode,
            String startDate, String endDate, String status) {
        return reader(jurisdictionId).chain(caller -> requests.find(serviceRequestId, list(serviceCode),
                        list(status), instant(startDate, "start_date"), instant(endDate, "end_date")))
                .map(found -> Responses.ok(found.stream().map(Open311Mapper::request).toList()));
    }

    @Override
    @Access(ComplaintsAccess.OPEN311_READ)
    public Uni<Response> getOpen311Request(String serviceRequestId, String jurisdictionId) {
        return reader(jurisdictionId).chain(caller -> requests.one(UUID.fromString(serviceRequestId)))
                .map(found -> Responses.ok(List.of(Open311Mapper.request(found))));
    }

    @Override
    @Access(ComplaintsAccess.OPEN311_READ)
    public Uni<Response> getOpen311Token(String id, String jurisdictionId) {
        return reader(jurisdictionId).chain(caller -> complaints.track(id))
                .map(tracked -> Responses.ok(List.of(new Open311TokenDto()
                        .serviceRequestId(tracked.complaint().id.toString())
                        .token(tracked.complaint().trackingCode))));
    }

    /** A comma list the contract's pattern has checked, as its distinct values; null for none. */
    private static List<String> list(String commaList) {
        return commaList == null ? null : List.of(commaList.split(",")).stream().distinct().toList();
    }

    /** The contract's pattern has checked the shape; a date that does not exist is refused here. */
    private static Instant instant(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, field, "not a date and time that exists");
        }
    }
}
