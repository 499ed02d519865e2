package org.ecogov.gateway.profile;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.ecogov.clients.ServiceCallException;
import org.ecogov.gateway.api.model.EnterpriseProfileDto;
import org.ecogov.gateway.api.model.ProblemDto;
import org.ecogov.gateway.api.model.ProfileViewDto;
import org.ecogov.gateway.api.model.SectionStatusDto;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Credential;

import io.smallrye.mutiny.Uni;

/**
 * One section of the enterprise profile besides the registry record (outlets, permits; emissions, complaints,
 * enforcement as they come): what it reads, with the caller's credential, and how that shows in each view. A
 * section fails on its own: a service that refuses the caller makes it {@code not-permitted}, whatever else keeps it
 * from being read {@code unavailable}, each with a problem saying why, and the rest of the profile is still answered.
 * <pre>{@code
 * ProfileSection.of((credential, uscc) -> emissions.exceedances(credential, uscc),       // the service's client bean
 *         () -> new ExceedanceSectionDto().items(null),                               // the section, still empty
 *         (dto, status, problem) -> dto.status(status).problem(problem),              // marking it
 *         (dto, found, view) -> dto.items(found),                                     // filling it, per view
 *         EnterpriseProfileDto::exceedances);                                         // where it goes
 * }</pre>
 *
 * @param <T> what the service answers
 * @param <D> the section as the gateway's contract shows it
 */
public final class ProfileSection<T, D> {

    /** Sets a section's status and problem (the generated section types share the members, not a type). */
    @FunctionalInterface
    public interface Marker<D> {
        D mark(D section, SectionStatusDto status, ProblemDto problem);
    }

    /** Puts what was read into a section, as the view shows it. */
    @FunctionalInterface
    public interface Filler<T, D> {
        D fill(D section, T found, ProfileViewDto view);
    }

    private final BiFunction<Credential, String, Uni<T>> read;
    private final Supplier<D> empty;
    private final Marker<D> marker;
    private final Filler<T, D> filler;
    private final BiConsumer<EnterpriseProfileDto, D> into;

    private ProfileSection(BiFunction<Credential, String, Uni<T>> read, Supplier<D> empty, Marker<D> marker,
            Filler<T, D> filler, BiConsumer<EnterpriseProfileDto, D> into) {
        this.read = read;
        this.empty = empty;
        this.marker = marker;
        this.filler = filler;
        this.into = into;
    }

    public static <T, D> ProfileSection<T, D> of(BiFunction<Credential, String, Uni<T>> read, Supplier<D> empty,
            Marker<D> marker, Filler<T, D> filler, BiConsumer<EnterpriseProfileDto, D> into) {
        return new ProfileSection<>(read, empty, marker, filler, into);
    }

    /** Reads the section for the caller; the answer puts it into the profile, available or not, and never fails. */
    Uni<Function<EnterpriseProfileDto, EnterpriseProfileDto>> build(Credential credential, String uscc, ProfileViewDto view) {
        return read.apply(credential, uscc)
                .map(found -> filler.fill(marker.mark(empty.get(), SectionStatusDto.AVAILABLE, null), found, view))
                .onFailure().recoverWithItem(failure -> marker.mark(empty.get(), status(failure), problem(failure)))
                .map(section -> profile -> {
                    into.accept(profile, section);
                    return profile;
                });
    }

    /** A service that refused the caller withholds its part; any other failure leaves the part unavailable. */
    static SectionStatusDto status(Throwable failure) {
        return failure instanceof ServiceCallException call && call.kind() == ServiceCallException.Kind.REFUSED
                ? SectionStatusDto.NOT_PERMITTED : SectionStatusDto.UNAVAILABLE;
    }

    /** Why a section is unavailable or not permitted, as a problem of the platform's vocabulary. */
    static ProblemDto problem(Throwable failure) {
        ProblemType type = ProblemType.BAD_GATEWAY;
        if (failure instanceof ServiceCallException call) {
            type = switch (call.kind()) {
                case TIMED_OUT -> ProblemType.SERVICE_TIMEOUT;
                case UNREACHABLE, CIRCUIT_OPEN -> ProblemType.SERVICE_UNAVAILABLE;
                case BAD_ANSWER -> ProblemType.BAD_GATEWAY;
                case NOT_FOUND, REFUSED, REJECTED, FAILING ->
                        ProblemType.genericFor(call.status()).orElse(ProblemType.SERVICE_UNAVAILABLE);
            };
        }
        return new ProblemDto().type(type.uri()).title(type.title()).status(type.status())
                .detail(failure.getMessage());
    }
}
