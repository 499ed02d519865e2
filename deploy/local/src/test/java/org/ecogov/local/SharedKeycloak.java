package org.ecogov.local;

import java.nio.file.Path;

/**
 * One real Keycloak per test run (surefire runs every test class in one JVM), on free ports, with
 * the realm from deploy/keycloak imported into an empty database. Stopped when the JVM exits.
 */
final class SharedKeycloak {

    private static KeycloakServer server;

    private SharedKeycloak() {
    }

    static synchronized KeycloakServer get() {
        if (server == null) {
            LocalConfig config = LocalConfig.load();
            Path state = TestPaths.target().resolve("test-keycloak");
            ProcessSupport.deleteTree(state);
            server = KeycloakServer.builder()
                    .home(config.path("ecogov.keycloak.home"))
                    .realmFile(config.path("ecogov.keycloak.realm-file"))
                    .stateDirectory(state)
                    .heap(config.get("ecogov.keycloak.heap"))
                    .startupTimeout(config.duration("ecogov.keycloak.startup-timeout"))
                    .start();
            System.out.printf("Keycloak for the tests: %s, ready in %d ms (log %s)%n",
                    server.baseUrl(), server.startupTime().toMillis(), server.logFile());
            KeycloakServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-test-keycloak"));
        }
        return server;
    }

    static Tokens tokens() {
        return Tokens.forLocalStack(get().realmUrl(), LocalConfig.load());
    }
}
