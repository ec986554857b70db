package io.ordersaga.tokenclient;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gets an access token from the suite's issuer (auth-server) for a demo user, the way a command-line tool logs in:
 * the OAuth2 authorization code flow with PKCE (RFC 7636) for the public client {@value #CLIENT_ID}, with the
 * issuer's own login form filled in instead of a browser. The password grant would be shorter, but OAuth 2.1 drops
 * it and Spring Authorization Server does not offer it; client credentials would give a token without a user, and
 * the services need the user ({@code sub} is the customer id). The client reads the code from the redirect's
 * {@code Location} header, so nothing listens on the redirect URI.
 *
 * <p>Only the JDK, so {@code bin/token} runs it from this module's plain jar; the benchmark and auth-server's tests
 * use it too.
 */
public final class TokenClient {

    public static final URI DEFAULT_ISSUER = URI.create("http://localhost:9000");
    public static final String CLIENT_ID = "ordersaga-cli";
    /** Registered for {@value #CLIENT_ID}: a loopback address, which the issuer accepts on any port (RFC 8252). */
    static final String REDIRECT_URI = "http://127.0.0.1/callback";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");

    /** An access token and when it expires (by the issuer's {@code expires_in}, counted from the request). */
    public record AccessToken(String value, Instant expiresAt) {
    }

    /** Why no token was issued: the issuer is not reachable, the login was refused, or the flow broke. */
    public static final class TokenException extends RuntimeException {
        TokenException(String message) {
            super(message);
        }

        TokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final URI issuer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    public TokenClient(URI issuer) {
        this.issuer = issuer;
    }

    /**
     * Where the tools reach the issuer: {@code ORDERSAGA_ISSUER_URI}, else {@link #DEFAULT_ISSUER} (bin/local-stack's,
     * and compose's published port).
     */
    public static URI issuerFromEnvironment() {
        String configured = System.getenv("ORDERSAGA_ISSUER_URI");
        return configured == null || configured.isBlank() ? DEFAULT_ISSUER : URI.create(configured);
    }

    /** The demo password convention (docs/security.md): {@code <user>-password}. */
    public static String demoPassword(String user) {
        return user + "-password";
    }

    /**
     * Logs {@code user} in and returns an access token.
     *
     * @throws TokenException with a message for a person: wrong password, issuer down, unexpected answer
     */
    public AccessToken accessToken(String user, String password) {
        Session session = new Session();
        String verifier = randomUrlSafe(32);
        String state = randomUrlSafe(16);
        URI authorize = issuer.resolve("/oauth2/authorize?" + form(Map.of(
                "response_type", "code", "client_id", CLIENT_ID, "redirect_uri", REDIRECT_URI, "state", state,
                "code_challenge", challenge(verifier), "code_challenge_method", "S256")));

        // 1. Not logged in yet: the issuer keeps the request in the session and sends the "browser" to its login form.
        URI loginPage = session.redirect(session.get(authorize), "the authorization request");
        HttpResponse<String> form = session.get(loginPage);
        Matcher csrf = CSRF.matcher(form.body());
        if (form.statusCode() != 200 || !csrf.find()) {
            throw new TokenException("Unexpected login page at " + loginPage + " (HTTP " + form.statusCode() + ")");
        }
        // 2. The form: on success the issuer sends us back to the saved authorization request.
        URI afterLogin = session.redirect(session.post(loginPage, Map.of("username", user, "password", password,
                "_csrf", csrf.group(1))), "the login");
        if (afterLogin.getPath().endsWith("/login") && "error".equals(afterLogin.getQuery())) {
            throw new TokenException("The issuer refused the login of '" + user + "' (wrong user name or password)");
        }
        // 3. Logged in, no consent page for this client: the redirect to REDIRECT_URI carries the code.
        URI callback = session.redirect(session.get(afterLogin), "the authorization request after login");
        Map<String, String> answer = query(callback);
        if (answer.containsKey("error") || !state.equals(answer.get("state")) || !answer.containsKey("code")) {
            throw new TokenException("The issuer did not grant a code: " + callback);
        }
        // 4. The code and the PKCE verifier buy the token.
        HttpResponse<String> token = session.post(issuer.resolve("/oauth2/token"), Map.of(
                "grant_type", "authorization_code", "code", answer.get("code"), "redirect_uri", REDIRECT_URI,
                "client_id", CLIENT_ID, "code_verifier", verifier));
        Matcher accessToken = ACCESS_TOKEN.matcher(token.body());
        Matcher expiresIn = EXPIRES_IN.matcher(token.body());
        if (token.statusCode() != 200 || !accessToken.find() || !expiresIn.find()) {
            throw new TokenException("The token endpoint answered " + token.statusCode() + ": " + token.body());
        }
        return new AccessToken(accessToken.group(1), Instant.now().plusSeconds(Long.parseLong(expiresIn.group(1))));
    }

    /** One login's cookies (the issuer's session), kept by hand: java.net's CookieManager is picky about localhost. */
    private final class Session {
        private final Map<String, String> cookies = new LinkedHashMap<>();

        HttpResponse<String> get(URI uri) {
            return send(request(uri).header("Accept", "text/html").GET().build());
        }

        HttpResponse<String> post(URI uri, Map<String, String> fields) {
            return send(request(uri).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build());
        }

        URI redirect(HttpResponse<String> response, String step) {
            Optional<String> location = response.headers().firstValue("Location");
            if (response.statusCode() / 100 != 3 || location.isEmpty()) {
                throw new TokenException("Expected a redirect after " + step + " at " + response.uri() + ", got HTTP "
                        + response.statusCode());
            }
            return response.uri().resolve(location.get());
        }

        private HttpRequest.Builder request(URI uri) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
            if (!cookies.isEmpty()) {
                builder.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")));
            }
            return builder;
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                for (String header : response.headers().allValues("Set-Cookie")) {
                    String pair = header.split(";", 2)[0];
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
                    }
                }
                return response;
            } catch (ConnectException e) {
                throw new TokenException("Cannot reach the issuer at " + issuer + " (is bin/local-stack or compose"
                        + " running? ORDERSAGA_ISSUER_URI names another one)", e);
            } catch (IOException e) {
                throw new TokenException(request.method() + " " + request.uri() + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TokenException("Interrupted", e);
            }
        }
    }

    static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                parameters.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    /**
     * {@code bin/token alice} (a customer), {@code bin/token --staff}, {@code bin/token --admin}: prints the access
     * token alone on standard output, so it drops into {@code -H "Authorization: Bearer $(bin/token alice)"}.
     */
    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        try {
            Login login = Login.parse(List.of(args));
            TokenClient client = new TokenClient(issuerFromEnvironment());
            System.out.println(client.accessToken(login.user(), login.password()).value());
        } catch (IllegalArgumentException e) {
            System.err.println("bin/token: " + e.getMessage() + System.lineSeparator() + USAGE);
            System.exit(2);
        } catch (TokenException e) {
            System.err.println("bin/token: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Who {@code bin/token} logs in: one user, by name or {@code --staff}/{@code --admin}, and the password. */
    record Login(String user, String password) {

        static Login parse(List<String> args) {
            String user = null;
            String password = null;
            for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
                String arg = it.next();
                String named = switch (arg) {
                    case "--staff" -> "staff";
                    case "--admin" -> "admin";
                    case "--password" -> {
                        if (!it.hasNext()) {
                            throw new IllegalArgumentException("--password needs a value");
                        }
                        password = it.next();
                        yield null;
                    }
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option '" + arg + "'");
                        }
                        yield arg;
                    }
                };
                if (named != null && user != null) {
                    throw new IllegalArgumentException("one user at a time ('" + user + "' and '" + named + "')");
                }
                user = named != null ? named : user;
            }
            if (user == null) {
                throw new IllegalArgumentException("name a user");
            }
            return new Login(user, password != null ? password : demoPassword(user));
        }
    }

    private static final String USAGE = """
            Usage: bin/token <user> | --staff | --admin  [--password <password>]
              Prints an access token of the suite's issuer (ORDERSAGA_ISSUER_URI, default http://localhost:9000).
              Demo users: alice, bob, carol (customers), staff, admin; password <user>-password.
              curl -H "Authorization: Bearer $(bin/token alice)" localhost:8081/orders""";
}
