package org.ecogov.complaints.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.ecogov.runtime.audit.AuditSql;
import org.ecogov.runtime.audit.PanacheSessionSql;

/** Complaints are kept with Hibernate Reactive and Panache: the audit log is written in the same session. */
public class Persistence {

    @Produces
    @ApplicationScoped
    AuditSql auditSql() {
        return new PanacheSessionSql();
    }
}
