package org.ecogov.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A party's audit chain anchored as in a deployment, in one test application: the party signs each entry's checkpoint
 * with a fixed test key ({@code org/ecogov/testing/audit-test-*.pem} in this jar; it guards nothing), publishes it
 * through its outbox to the broker (add {@link ArtemisTestResource}), keeps it with its own witness, and asks that
 * witness over its API when it verifies its chain. In a deployment the witness is another party; here the party
 * witnesses itself, the one thing a test changes, so the whole path runs: the signature, the broker, the witness's
 * table, the generated client (services/clients' AuditWitnessClient) and the verification.
 * <pre>{@code
 * @WithTestResource(value = AuditWitnessTestResource.class, initArgs = {
 *         @ResourceArg(name = AuditWitnessTestResource.CHAIN_ARG, value = "registry"),
 *         @ResourceArg(name = AuditWitnessTestResource.PREFIX_ARG, value = "/api/v1/registry") })
 * }</pre>
 * It sets {@code ecogov.audit.chain}, {@code ecogov.audit.checkpoint.private-key},
 * {@code ecogov.audit.witness.chains.<chain>.public-keys}, {@code quarkus.rest-client.audit-witness.url} and, to know
 * the address it asks, {@code quarkus.http.test-port} (a free port it picks).
 */
public class AuditWitnessTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: the party's chain name. */
    public static final String CHAIN_ARG = "chain";
    /** Init arg: where the party serves the witness's operations (api-specs/common/audit.yaml), e.g. /api/v1/registry. */
    public static final String PREFIX_ARG = "prefix";

    private static final Pattern PREFIX = Pattern.compile("(/[a-z0-9-]+)+");

    private String chain;
    private String prefix;

    @Override
    public void init(Map<String, String> initArgs) {
        chain = initArgs.get(CHAIN_ARG);
        prefix = initArgs.get(PREFIX_ARG);
        if (chain == null || !chain.matches("[a-z][a-z0-9-]{0,39}") || prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("AuditWitnessTestResource needs a chain name and a path prefix: " + initArgs);
        }
    }

    @Override
    public Map<String, String> start() {
        int port = freePort();
        return Map.of(
                "ecogov.audit.chain", chain,
                "ecogov.audit.checkpoint.private-key", privateKeyBase64(),
                "ecogov.audit.witness.chains." + chain + ".public-keys", publicKeyBase64(),
                "quarkus.http.test-port", Integer.toString(port),
                "quarkus.rest-client.audit-witness.url", "http://localhost:" + port + prefix);
    }

    @Override
    public void stop() {
        // nothing was started
    }

    /** The test checkpoint key's private half: base64 of its PKCS#8 DER. */
    public static String privateKeyBase64() {
        return pemBody("audit-test-private-key.pem");
    }

    /** Its public half: base64 of its X.509 SubjectPublicKeyInfo DER. */
    public static String publicKeyBase64() {
        return pemBody("audit-test-public-key.pem");
    }

    private static String pemBody(String resource) {
        try (InputStream in = AuditWitnessTestResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test key " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
