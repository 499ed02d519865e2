package org.ecogov.registry.repository;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecogov.registry.domain.Agency;
import org.ecogov.registry.domain.Division;
import org.ecogov.registry.domain.Responsibility;

import java.util.List;

/** The queries of agencies, the jurisdiction tree and the responsibility matrix. */
@ApplicationScoped
public class AgencyRepository {

    /** Up to {@code count} agencies after the code {@code after}, in code order; {@code jurisdictionPrefix} null: any. */
    public Uni<List<Agency>> agencies(String jurisdictionPrefix, String after, int count) {
        StringBuilder where = new StringBuilder("code > :after");
        Parameters params = Parameters.with("after", after);
        if (jurisdictionPrefix != null) {
            where.append(" and jurisdiction like :prefix");
            params.and("prefix", jurisdictionPrefix + "%");
        }
        return Agency.<Agency>find(where.toString(), Sort.by("code"), params).range(0, count - 1).list();
    }

    /** Up to {@code count} divisions after the code {@code after}, in code order; {@code under} null: all. */
    public Uni<List<Division>> divisions(String under, String after, int count) {
        StringBuilder where = new StringBuilder("code > :after");
        Parameters params = Parameters.with("after", after);
        if (under != null) {
            where.append(" and code like :prefix");
            params.and("prefix", under + "%");
        }
        return Division.<Division>find(where.toString(), Sort.by("code"), params).range(0, count - 1).list();
    }

    /**
     * Up to {@code count} matrix entries after the key {@code after} ("division/matter"), by division then matter;
     * {@code matterType} and {@code under} null: any.
     */
    public Uni<List<Responsibility>> responsibilities(String matterType, String under, String after, int count) {
        StringBuilder where = new StringBuilder("concat(id.divisionCode, '/', id.matterType) > :after");
        Parameters params = Parameters.with("after", after);
        if (matterType != null) {
            where.append(" and id.matterType = :type");
            params.and("type", matterType);
        }
        if (under != null) {
            where.append(" and id.divisionCode like :prefix");
            params.and("prefix", under + "%");
        }
        return Responsibility.<Responsibility>find(where.toString(), Sort.by("id.divisionCode").and("id.matterType"), params)
                .range(0, count - 1).list();
    }

    /** The matrix entries for this kind of matter at any of these divisions. */
    public Uni<List<Responsibility>> responsibilitiesAt(String matterType, List<String> divisionCodes) {
        return Responsibility.<Responsibility>find("id.matterType = ?1 and id.divisionCode in ?2", matterType, divisionCodes)
                .list();
    }
}
