package org.ecogov.runtime.audit;

import java.util.Set;

import org.ecogov.runtime.security.Caller;

/**
 * Who the audit log names for a change no person or key asked for: a service's own scheduled task, or an event it
 * consumed from another service. The entry's actor ({@link Caller#actor()}) then says which: {@code task:<name>} or
 * {@code event:<type>/<id>} (the CloudEvents type and id, so the entry leads to the event and its dead letter or
 * processed record); its client is the service's own identity. Such a caller has no roles and sees nothing: it is
 * for the audit log only, never for an access decision.
 */
public final class SystemActors {

    private SystemActors() {
    }

    /** A scheduled task of the service whose own identity (realm client) is {@code clientId}. */
    public static Caller task(String clientId, String task) {
        return new Caller("task:" + task, "task:" + task, clientId, Set.of(), null, null, null);
    }

    /** A consumed event, by its CloudEvents {@code type} and {@code id}. */
    public static Caller event(String clientId, String type, String id) {
        String name = "event:" + type + "/" + id;
        return new Caller("event:" + id, name.length() <= 200 ? name : name.substring(0, 200), clientId, Set.of(),
                null, null, null);
    }
}
