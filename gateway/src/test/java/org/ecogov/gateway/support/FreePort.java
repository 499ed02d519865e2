package org.ecogov.gateway.support;

import java.io.IOException;
import java.net.ServerSocket;

/** A port that was free a moment ago, for a service that is meant not to be running. */
public final class FreePort {

    private FreePort() {
    }

    public static int find() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
