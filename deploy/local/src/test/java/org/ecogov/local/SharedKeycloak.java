package org.ecogov.local;

import java.nio.file.Path;

/**
 * One real Keycloak per test run (surefire runs every test class in one JVM), on free ports, with
 * the realm from deploy/keycloak imported into an empty database, and a master-realm administrator client
 * with a secret made for this run ({@link #admin()}); the realm records its CLIENT_LOGIN events (client-credentials
 * grants), for the tests that prove a service asked for its own token. Stopped when the JVM exits.
 */
final class SharedKeycloak {

    /** The master realm's administrator client of the test Keycloak (client credentials). */
    static final String ADMIN_CLIENT = "ecogov-system-test-admin";
    /** The realm of deploy/keycloak. */
    static final String REALM = "ecogov";
    private static final String ADMIN_SECRET = java.util.UUID.randomUUID().toString();

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
                    .bootstrapAdminClient(ADMIN_CLIENT, ADMIN_SECRET)
                    .start();
            System.out.printf("Keycloak for the tests: %s, ready in %d ms (log %s)%n",
                    server.baseUrl(), server.startupTime().toMillis(), server.logFile());
            // the realm's client-credentials grants are recorded, so a test can tell which service asked for a token
            admin().recordEvents(REALM, java.util.List.of("CLIENT_LOGIN"));
            KeycloakServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-test-keycloak"));
        }
        return server;
    }

    /** Keycloak's admin API, as the master realm's administrator client. */
    static KeycloakAdmin admin() {
        return new KeycloakAdmin(get().baseUrl(), ADMIN_CLIENT, ADMIN_SECRET);
    }

    static Tokens tokens() {
        return Tokens.forLocalStack(get().realmUrl(), LocalConfig.load());
    }
}
