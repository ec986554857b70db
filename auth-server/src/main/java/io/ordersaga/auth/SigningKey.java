package io.ordersaga.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA key that signs the access tokens, generated on the first start and kept in the data directory, so a
 * restarted issuer signs with the same key (same {@code kid}) and the tokens it issued before stay valid. Never in
 * the repository: each installation makes its own.
 */
final class SigningKey {

    static final String FILE_NAME = "signing-key.jwk.json";
    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final int KEY_SIZE = 2048;

    private SigningKey() {
    }

    /** Reads the key in {@code directory}, or generates one and writes it there (owner-only) when there is none. */
    static RSAKey loadOrCreate(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            if (Files.isRegularFile(file)) {
                RSAKey key = parse(file);
                log.info("Signing key {} read from {}", key.getKeyID(), file.toAbsolutePath());
                return key;
            }
            RSAKey key = new RSAKeyGenerator(KEY_SIZE).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString())
                    .generate();
            write(file, key);
            log.info("Signing key {} generated and written to {}", key.getKeyID(), file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the signing key " + file.toAbsolutePath(), e);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA signing key", e);
        }
    }

    private static RSAKey parse(Path file) throws IOException {
        try {
            JWK jwk = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (jwk instanceof RSAKey rsa && rsa.isPrivate()) {
                return rsa;
            }
            throw new IllegalStateException(file.toAbsolutePath() + " holds no RSA private key; delete it to make a"
                    + " new one (tokens signed with the old key then stop validating)");
        } catch (ParseException e) {
            throw new IllegalStateException(file.toAbsolutePath() + " is not a JSON Web Key: " + e.getMessage()
                    + "; delete it to make a new one", e);
        }
    }

    /** Written to a temporary file, then moved into place, so a crash never leaves half a key behind. */
    private static void write(Path file, RSAKey key) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(temporary);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
