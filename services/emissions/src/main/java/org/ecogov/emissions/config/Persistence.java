package org.ecogov.emissions.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.ecogov.runtime.audit.AuditSql;
import org.ecogov.runtime.audit.PanacheSessionSql;

/** The service keeps its records with Hibernate Reactive and Panache: its audit log is written in the same session. */
public class Persistence {

    @Produces
    @ApplicationScoped
    AuditSql auditSql() {
        return new PanacheSessionSql();
    }
}
