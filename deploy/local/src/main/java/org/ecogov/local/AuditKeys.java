package org.ecogov.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit checkpoint key of every party of the local stack (each service of the list and the gateway): the
 * Ed25519 pair a party signs the checkpoints of its audit chain with (services/runtime's AuditCheckpoints). The
 * party gets the private half as a PEM file ({@code ecogov.audit.checkpoint.private-key-file}); every other party,
 * as the witness of its chain, gets the public half ({@code ecogov.audit.witness.chains.<party>.public-keys}).
 *
 * <p>Made once per party and kept in {@code audit-<party>.pem} beside the gateway's signing key, so the witnesses
 * keep recognising a party across restarts; {@code --reset} deletes them with the databases, whose chains they sign.
 * The public half is kept beside it ({@code audit-<party>.pub}, base64 X.509), as the JDK cannot derive an
 * Ed25519 public key from the private one.
 */
public final class AuditKeys {

    /** One party's pair, as files. */
    public record Party(String name, Path privateKeyFile, String publicKeyBase64) {
    }

    private final Map<String, Party> parties;

    private AuditKeys(Map<String, Party> parties) {
        this.parties = parties;
    }

    /** The keys of these parties in {@code directory}, made there first where there are none. */
    public static AuditKeys loadOrGenerate(Path directory, Collection<String> names) {
        Map<String, Party> parties = new LinkedHashMap<>();
        for (String name : names) {
            parties.put(name, loadOrGenerate(directory.toAbsolutePath().normalize(), name));
        }
        return new AuditKeys(parties);
    }

    public Party party(String name) {
        Party party = parties.get(name);
        if (party == null) {
            throw new IllegalArgumentException("no audit key for " + name + " among " + parties.keySet());
        }
        return party;
    }

    /**
     * What a party is told: its own private key file, and as a witness the public key of every other party's chain
     * (a party never witnesses its own).
     */
    public Map<String, String> config(String name) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("ecogov.audit.checkpoint.private-key-file", party(name).privateKeyFile().toString());
        parties.values().stream().filter(other -> !other.name().equals(name)).forEach(other ->
                properties.put("ecogov.audit.witness.chains." + other.name() + ".public-keys", other.publicKeyBase64()));
        return properties;
    }

    private static Party loadOrGenerate(Path directory, String name) {
        Path privateFile = directory.resolve("audit-" + name + ".pem");
        Path publicFile = directory.resolve("audit-" + name + ".pub");
        try {
            if (Files.isRegularFile(privateFile) && Files.isRegularFile(publicFile)) {
                return new Party(name, privateFile, Files.readString(publicFile, StandardCharsets.US_ASCII).trim());
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            GatewaySigningKey.write(privateFile, pair.getPrivate());
            String publicKey = base64(pair.getPublic());
            Files.writeString(publicFile, publicKey + "\n", StandardCharsets.US_ASCII);
            return new Party(name, privateFile, publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the audit checkpoint key of " + name + " in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
        }
    }

    private static String base64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }
}
