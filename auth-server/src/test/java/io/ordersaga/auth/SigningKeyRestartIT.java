package io.ordersaga.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.ordersaga.tokenclient.TokenClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestClient;

/** The signing key outlives the process: a restarted issuer publishes the same key, so earlier tokens stay valid. */
class SigningKeyRestartIT {

    @TempDir
    Path keys;

    @Test
    void restartedIssuerKeepsItsKeyAndEarlierTokensStayValid() throws Exception {
        String token;
        RSAKey before;
        try (ConfigurableApplicationContext first = start(keys)) {
            before = publishedKey(first);
            token = new TokenClient(baseUri(first)).accessToken("carol", "carol-password").value();
        }
        assertThat(Files.getPosixFilePermissions(keys.resolve(SigningKey.FILE_NAME)))
                .as("the private key is readable by its owner only")
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        try (ConfigurableApplicationContext second = start(keys)) {
            RSAKey after = publishedKey(second);
            assertThat(after.getKeyID()).isEqualTo(before.getKeyID());
            assertThat(after.getModulus()).isEqualTo(before.getModulus());
            // signature and timestamps only: the issuer and audience checks are AuthServerIT's
            assertThat(NimbusJwtDecoder.withJwkSetUri(baseUri(second) + "/oauth2/jwks").build().decode(token)
                    .getSubject()).isEqualTo("carol");
        }
    }

    @Test
    void anotherDataDirectoryGetsItsOwnKey(@TempDir Path otherKeys) throws Exception {
        try (ConfigurableApplicationContext one = start(keys);
             ConfigurableApplicationContext other = start(otherKeys)) {
            assertThat(publishedKey(one).getKeyID()).isNotEqualTo(publishedKey(other).getKeyID());
        }
    }

    private static ConfigurableApplicationContext start(Path keysDirectory) {
        return new SpringApplicationBuilder(AuthServerApplication.class)
                .run("--server.port=0", "--ordersaga.auth.keys-dir=" + keysDirectory);
    }

    private static URI baseUri(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://localhost:" + port);
    }

    private static RSAKey publishedKey(ConfigurableApplicationContext context) throws Exception {
        String jwks = RestClient.create(baseUri(context).toString()).get().uri("/oauth2/jwks").retrieve()
                .body(String.class);
        return JWKSet.parse(jwks).getKeys().get(0).toRSAKey();
    }
}
