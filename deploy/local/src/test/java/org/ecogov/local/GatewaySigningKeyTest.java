package org.ecogov.local;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewaySigningKeyTest {

    private Path directory;

    @BeforeEach
    void emptyDirectory() {
        directory = TestPaths.target().resolve("signing-key-test");
        ProcessSupport.deleteTree(directory);
    }

    @Test
    void theFirstCallMakesAnRsa2048KeyAsAPkcs8PemFileOnlyItsOwnerCanRead() throws Exception {
        GatewaySigningKey key = GatewaySigningKey.loadOrGenerate(directory.resolve("keys"));

        assertThat(key.generated()).isTrue();
        assertThat(key.privateKeyFile()).isEqualTo(directory.resolve("keys/" + GatewaySigningKey.FILE_NAME));
        String pem = Files.readString(key.privateKeyFile(), StandardCharsets.US_ASCII);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.privateKeyFile()))).isEqualTo("rw-------");
        assertThat(((RSAPublicKey) key.publicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(directory.resolve("keys")).isDirectoryNotContaining(p -> p.toString().endsWith(".partial"));
    }

    @Test
    void laterCallsKeepTheKeySoServicesAndGatewayAgreeAcrossRestarts() {
        GatewaySigningKey made = GatewaySigningKey.loadOrGenerate(directory);
        GatewaySigningKey kept = GatewaySigningKey.loadOrGenerate(directory);

        assertThat(kept.generated()).isFalse();
        assertThat(kept.publicKeyBase64()).isEqualTo(made.publicKeyBase64());

        ProcessSupport.deleteTree(directory); // what --reset does
        assertThat(GatewaySigningKey.loadOrGenerate(directory).publicKeyBase64()).isNotEqualTo(made.publicKeyBase64());
    }

    @Test
    void thePublicKeyIsBase64X509ThatVerifiesWhatThePrivateKeySigns() throws Exception {
        GatewaySigningKey key = GatewaySigningKey.loadOrGenerate(directory);
        PublicKey decoded = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKeyBase64())));
        byte[] message = "header.payload".getBytes(StandardCharsets.US_ASCII);

        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(GatewaySigningKey.loadOrGenerate(directory).privateKey());
        signer.update(message);
        byte[] signature = signer.sign();

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(decoded);
        verifier.update(message);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void aFileThatIsNotAKeySaysHowToStartAfresh() throws Exception {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(GatewaySigningKey.FILE_NAME), "-----BEGIN PRIVATE KEY-----\nbm9wZQ==\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> GatewaySigningKey.loadOrGenerate(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--reset");
    }
}
