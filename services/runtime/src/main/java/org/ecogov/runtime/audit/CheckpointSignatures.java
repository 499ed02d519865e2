package org.ecogov.runtime.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a checkpoint of an audit chain is signed and checked: Ed25519 (the JDK's own, RFC 8032) over the
 * {@link Canonical} JSON of {@code {"chain", "hash", "sequence"}}, the signature in base64url without padding.
 * Keys travel as base64 of their DER: PKCS#8 for the private half, X.509 SubjectPublicKeyInfo for the public half
 * (a PEM body without its header lines; a whole PEM is accepted too).
 */
public final class CheckpointSignatures {

    public static final String ALGORITHM = "Ed25519";
    /** A chain's name, as api-specs/common/common.yaml's AuditChainName allows it. */
    public static final Pattern CHAIN_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private static final Pattern PEM_ARMOUR = Pattern.compile("-----(BEGIN|END) [A-Z ]+-----|\\s");

    private CheckpointSignatures() {
    }

    /** The text a checkpoint's signature covers. */
    public static byte[] signedText(String chain, long sequence, String hash) {
        ObjectNode signed = JsonNodeFactory.instance.objectNode();
        signed.put("chain", chain);
        signed.put("sequence", sequence);
        signed.put("hash", hash);
        return Canonical.json(signed).getBytes(StandardCharsets.UTF_8);
    }

    public static String sign(PrivateKey key, String chain, long sequence, String hash) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(signedText(chain, sequence, hash));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a checkpoint with an " + key.getAlgorithm() + " key", e);
        }
    }

    /** Whether {@code signature} is one of {@code key} over this checkpoint; false for anything malformed. */
    public static boolean verify(PublicKey key, String chain, long sequence, String hash, String signature) {
        try {
            Signature check = Signature.getInstance(ALGORITHM);
            check.initVerify(key);
            check.update(signedText(chain, sequence, hash));
            return check.verify(Base64.getUrlDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static PrivateKey privateKey(String base64OrPem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(base64OrPem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (base64 of PKCS#8 DER, or its PEM)", e);
        }
    }

    public static PublicKey publicKey(String base64OrPem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(base64OrPem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (base64 of X.509 SubjectPublicKeyInfo DER)", e);
        }
    }

    private static byte[] der(String base64OrPem) {
        return Base64.getDecoder().decode(PEM_ARMOUR.matcher(base64OrPem).replaceAll(""));
    }
}
