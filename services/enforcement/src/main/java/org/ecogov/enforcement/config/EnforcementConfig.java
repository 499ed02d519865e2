package org.ecogov.enforcement.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The enforcement service's own settings (application.properties, {@code enforcement.*}). */
@ConfigMapping(prefix = "enforcement")
public interface EnforcementConfig {

    /**
     * How far, in metres, the position an inspection record was taken at may lie from the enterprise's registered
     * location before the record is flagged ({@code locationCheck.warning}).
     */
    @WithDefault("500")
    int locationWarningMetres();

    /** Evidence files (service/EvidenceService). */
    Evidence evidence();

    interface Evidence {

        /** The largest evidence file taken, in bytes (a photo, a PDF, a signature; more is 413). */
        @WithDefault("8388608")
        int maxBytes();
    }

    /** Follow-up inspections of rectification orders (service/CaseService). */
    FollowUp followUp();

    interface FollowUp {

        /**
         * Days after a follow-up that found the violation continuing (the agencies' day it arrived on site) at which
         * the next follow-up is scheduled; the first one is at the order's rectification deadline.
         */
        @WithDefault("14")
        int intervalDays();
    }

    /** The copy of the registry's enterprises (service/EnterpriseCopyRefresh). */
    EnterpriseRefresh enterpriseRefresh();

    interface EnterpriseRefresh {

        /** How often the copy is refreshed from the registry (a duration such as {@code 10m}, or {@code off}). */
        @WithDefault("10m")
        String every();
    }
}
