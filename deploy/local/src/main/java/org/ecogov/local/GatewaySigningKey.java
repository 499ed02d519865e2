package org.ecogov.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The key pair with which the gateway signs the short-lived tokens that carry a third party's API-key
 * requests to the services. The gateway gets the private half as a PEM file (PKCS#8,
 * {@code ecogov.gateway.token.signing-key-file}); every service gets the public half as base64 X.509
 * ({@code ecogov.gateway.public-key}) and trusts nothing else the gateway might send.
 *
 * <p>Made once (RSA 2048) and kept in a file, so the services and the gateway agree across restarts;
 * the public half is derived from the private one, so there is a single file to keep or delete.
 */
public final class GatewaySigningKey {

    public static final String FILE_NAME = "gateway-signing-key.pem";

    private static final int KEY_SIZE = 2048;
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private final Path privateKeyFile;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final boolean generated;

    private GatewaySigningKey(Path privateKeyFile, PrivateKey privateKey, PublicKey publicKey, boolean generated) {
        this.privateKeyFile = privateKeyFile;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.generated = generated;
    }

    /** The key in {@code directory}/{@value #FILE_NAME}, made there first if there is none. */
    public static GatewaySigningKey loadOrGenerate(Path directory) {
        Path file = directory.resolve(FILE_NAME).toAbsolutePath().normalize();
        if (Files.isRegularFile(file)) {
            PrivateKey key = read(file);
            return new GatewaySigningKey(file, key, publicHalf(key), false);
        }
        KeyPair pair = generate();
        write(file, pair.getPrivate());
        return new GatewaySigningKey(file, pair.getPrivate(), pair.getPublic(), true);
    }

    /** The PEM file with the private key (PKCS#8), readable by its owner only. */
    public Path privateKeyFile() {
        return privateKeyFile;
    }

    /** The public key as the services take it: base64 of the X.509 SubjectPublicKeyInfo DER. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The private half, for tests that sign a token as the gateway would. */
    PrivateKey privateKey() {
        return privateKey;
    }

    /** Whether this call made the key (first run, or after {@code --reset}). */
    public boolean generated() {
        return generated;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make RSA keys", e);
        }
    }

    /** Writes a private key as a PKCS#8 PEM file readable by its owner only (the audit checkpoint keys too). */
    static void write(Path file, PrivateKey key) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        String pem = BEGIN + "\n" + base64 + "\n" + END + "\n";
        try {
            Files.createDirectories(file.getParent());
            // written beside the target and moved into place, so a crash never leaves half a key behind
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            Files.createFile(partial);
            ownerOnly(partial);
            Files.writeString(partial, pem, StandardCharsets.US_ASCII);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the private key " + file, e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own protection has to do
        }
    }

    private static PrivateKey read(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            if (!pem.contains(BEGIN)) {
                throw new IllegalStateException(file + " is not a PKCS#8 PEM file (" + BEGIN + ")");
            }
            String base64 = pem.replace(BEGIN, "").replace(END, "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway's signing key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the gateway's signing key " + file + " is not an RSA private key;"
                    + " delete it (or run with --reset) to make a new one", e);
        }
    }

    private static PublicKey publicHalf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException("the gateway's signing key holds no public exponent");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
