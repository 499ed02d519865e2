package org.ecogov.complaints.mapping;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.ecogov.complaints.api.model.ChannelDto;
import org.ecogov.complaints.api.model.ComplaintDto;
import org.ecogov.complaints.api.model.ComplaintLocationDto;
import org.ecogov.complaints.api.model.ComplaintReceiptDto;
import org.ecogov.complaints.api.model.ComplaintStatusDto;
import org.ecogov.complaints.api.model.ComplaintSubmissionDto;
import org.ecogov.complaints.api.model.ComplaintTrackingDto;
import org.ecogov.complaints.api.model.ContactDto;
import org.ecogov.complaints.api.model.DeadlinesDto;
import org.ecogov.complaints.api.model.DisclosedComplaintDto;
import org.ecogov.complaints.api.model.GeoPointDto;
import org.ecogov.complaints.api.model.MatterTypeDto;
import org.ecogov.complaints.api.model.OwnerDto;
import org.ecogov.complaints.api.model.PublicUpdateDto;
import org.ecogov.complaints.api.model.AuditFieldsDto;
import org.ecogov.complaints.domain.Complaint;
import org.ecogov.complaints.domain.PublicUpdate;
import org.ecogov.complaints.service.Submission;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.time.Clock;

/** Complaints between the contract's models and the service's own types; each view decides what it leaves out. */
public final class ComplaintMapper {

    private ComplaintMapper() {
    }

    public static Submission submission(ComplaintSubmissionDto body) {
        ComplaintLocationDto location = body.getLocation();
        GeoPointDto point = location.getPoint();
        ContactDto contact = body.getContact();
        return new Submission(body.getCategory().toString(), body.getDescription(),
                point == null ? null : point.getLatitude(), point == null ? null : point.getLongitude(),
                location.getDivisionCode(), observedAt(body.getObservedAt()), body.getSuspectedEnterprise(),
                body.getChannel().toString(),
                contact == null ? null : contact.getName(), contact == null ? null : contact.getPhone(),
                contact == null ? null : contact.getEmail(), instant(body.getReceivedAt(), "receivedAt"), null);
    }

    /** The contract's pattern has checked the shape; a date that does not exist (2026-02-30) is refused here. */
    private static Instant observedAt(String text) {
        return instant(text, "observedAt");
    }

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

    public static org.ecogov.complaints.api.model.PhotoDto photo(String sha256, String mediaType, int bytes, int width,
            int height, Instant addedAt) {
        return new org.ecogov.complaints.api.model.PhotoDto().sha256(sha256)
                .mediaType(org.ecogov.complaints.api.model.PhotoDto.MediaTypeEnum.fromValue(mediaType))
                .bytes(bytes).width(width).height(height).addedAt(Clock.utc(addedAt));
    }

    public static ComplaintReceiptDto receipt(Complaint c) {
        return new ComplaintReceiptDto()
                .trackingCode(c.trackingCode)
                .status(ComplaintStatusDto.fromValue(c.status))
                .owner(owner(c))
                .deadlines(deadlines(c))
                .submittedAt(Clock.utc(c.submittedAt));
    }

    /** What the tracking code shows: nothing that identifies anyone, not even the description or the place. */
    public static ComplaintTrackingDto tracking(Complaint c, List<PublicUpdate> updates) {
        return new ComplaintTrackingDto()
                .trackingCode(c.trackingCode)
                .complainants(c.complainants == null ? 1 : c.complainants)
                .category(MatterTypeDto.fromValue(c.category))
                .status(ComplaintStatusDto.fromValue(c.status))
                .owner(owner(c))
                .deadlines(deadlines(c))
                .submittedAt(Clock.utc(c.submittedAt))
                .updates(updates.stream().map(u -> new PublicUpdateDto().at(Clock.utc(u.at)).text(u.text)).toList());
    }

    /** The handler's view; the contact details only with {@code withContact}. */
    public static ComplaintDto handled(Complaint c, boolean withContact) {
        ComplaintLocationDto location = new ComplaintLocationDto().divisionCode(c.divisionCode);
        if (c.latitude != null) {
            location.point(new GeoPointDto().latitude(c.latitude).longitude(c.longitude));
        }
        ComplaintDto dto = new ComplaintDto()
                .id(c.id.toString())
                .matterId(c.matterId == null ? null : c.matterId.toString())
                .complainants(c.complainants == null ? 1 : c.complainants)
                .trackingCode(c.trackingCode)
                .category(MatterTypeDto.fromValue(c.category))
                .description(c.description)
                .location(location)
                .observedAt(c.observedAt == null ? null : Clock.utc(c.observedAt))
                .suspectedEnterprise(c.suspectedUscc)
                .channel(ChannelDto.fromValue(c.channel))
                .status(ComplaintStatusDto.fromValue(c.status))
                .owner(owner(c))
                .routedBy(c.routedBy)
                .reason(c.reason)
                .redirectTo(c.redirectTo)
                .findings(c.findings)
                .rating(c.rating)
                .reopened(c.reopenCount)
                .transfers(c.transferCount)
                .escalations(c.escalationCount)
                .pendingTransferTo(c.pendingTransferTo)
                .deadlines(deadlines(c))
                .submittedAt(Clock.utc(c.submittedAt))
                .audit(new AuditFieldsDto()
                        .createdAt(Clock.utc(c.createdAt)).createdBy(c.createdBy)
                        .updatedAt(Clock.utc(c.updatedAt)).updatedBy(c.updatedBy)
                        .version(c.version));
        if (withContact && c.hasContact()) {
            dto.contact(new ContactDto().name(c.contactName).phone(c.contactPhone).email(c.contactEmail));
        }
        if (withContact) {
            dto.mediaUrl(c.mediaUrl);
        }
        return dto;
    }

    /**
     * The disclosed view: the point rounded to three decimal places of a degree (about 110 m north-south, about 95 m
     * east-west at the park's latitude), so that it shows the place of the nuisance, not the complainant's door.
     */
    public static DisclosedComplaintDto disclosed(Complaint c) {
        ComplaintLocationDto place = new ComplaintLocationDto().divisionCode(c.placeDivision);
        if (c.latitude != null) {
            place.point(new GeoPointDto().latitude(rounded(c.latitude)).longitude(rounded(c.longitude)));
        }
        DisclosedComplaintDto dto = new DisclosedComplaintDto()
                .category(MatterTypeDto.fromValue(c.category))
                .place(place)
                .status(ComplaintStatusDto.fromValue(c.status))
                .ownerAgency(c.ownerAgency)
                .submittedAt(Clock.utc(c.submittedAt))
                .deadlines(deadlines(c));
        if (c.resolvedAt != null || c.findings != null) {
            dto.resolvedAt(c.resolvedAt == null ? null : Clock.utc(c.resolvedAt)).findings(c.findings);
        }
        return dto;
    }

    public static double rounded(double degrees) {
        return java.math.BigDecimal.valueOf(degrees).setScale(3, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    private static OwnerDto owner(Complaint c) {
        return new OwnerDto().agencyCode(c.ownerAgency).agencyName(c.ownerAgencyName).since(Clock.utc(c.ownerSince));
    }

    private static DeadlinesDto deadlines(Complaint c) {
        return new DeadlinesDto()
                .acceptBy(Clock.utc(c.acceptBy))
                .resolveBy(c.resolveBy == null ? null : Clock.utc(c.resolveBy));
    }
}
