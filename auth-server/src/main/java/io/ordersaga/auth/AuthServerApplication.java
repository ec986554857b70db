package io.ordersaga.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The suite's OAuth2 issuer: a Spring Authorization Server that signs the access tokens every service checks
 * (issuer, audience {@value AccessTokenClaims#AUDIENCE}, the {@code roles} claim). It knows only the demo users and
 * the command-line client; it is the stand-in for the identity provider a real deployment would run.
 */
@SpringBootApplication
public class AuthServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthServerApplication.class, args);
    }
}
