package org.ecogov.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class CheckpointSignaturesTest {

    private static final String HASH = "0123456789abcdef".repeat(4);

    @Test
    void aSignatureCoversTheChainTheSequenceAndTheHash() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String signature = CheckpointSignatures.sign(pair.getPrivate(), "registry", 42, HASH);

        assertThat(signature).matches("[A-Za-z0-9_-]{86}");
        assertThat(CheckpointSignatures.verify(pair.getPublic(), "registry", 42, HASH, signature)).isTrue();
        assertThat(CheckpointSignatures.verify(pair.getPublic(), "gateway", 42, HASH, signature)).isFalse();
        assertThat(CheckpointSignatures.verify(pair.getPublic(), "registry", 43, HASH, signature)).isFalse();
        assertThat(CheckpointSignatures.verify(pair.getPublic(), "registry", 42, "f" + HASH.substring(1), signature)).isFalse();
        assertThat(CheckpointSignatures.verify(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic(),
                "registry", 42, HASH, signature)).isFalse();
        assertThat(CheckpointSignatures.verify(pair.getPublic(), "registry", 42, HASH, "not base64!")).isFalse();
    }

    @Test
    void theSignedTextIsCanonicalJson() {
        assertThat(new String(CheckpointSignatures.signedText("registry", 7, HASH), StandardCharsets.UTF_8))
                .isEqualTo("{\"chain\":\"registry\",\"hash\":\"" + HASH + "\",\"sequence\":7}");
    }

    @Test
    void keysAreReadAsBase64DerOrPemAndAnythingElseIsRefused() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String privateBase64 = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + privateBase64 + "\n-----END PRIVATE KEY-----\n";
        String signature = CheckpointSignatures.sign(CheckpointSignatures.privateKey(pem), "registry", 1, HASH);
        assertThat(CheckpointSignatures.verify(CheckpointSignatures.publicKey(
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())), "registry", 1, HASH, signature)).isTrue();

        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        assertThatThrownBy(() -> CheckpointSignatures.privateKey(Base64.getEncoder().encodeToString(rsa.getPrivate().getEncoded())))
                .hasMessageContaining("not an Ed25519 private key");
        assertThatThrownBy(() -> CheckpointSignatures.publicKey("bm90IGEga2V5")).hasMessageContaining("not an Ed25519 public key");
    }
}
