package org.ecogov.local;

/** A server did not come up; the message says which, why, and quotes the end of its log. */
public class ServerStartException extends RuntimeException {

    public ServerStartException(String message) {
        super(message);
    }

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
