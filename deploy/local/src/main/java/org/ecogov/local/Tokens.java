package org.ecogov.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.CookieHandler;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Real tokens from a running Keycloak realm, the way real callers get them: client credentials
 * for a department system, and for a person the authorization code flow with PKCE (S256), driven
 * over plain HTTP as a browser would (the realm grants no passwords directly to any client).
 */
public final class Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LOGIN_FORM = Pattern.compile(
            "<form[^>]*\\bid=\"kc-form-login\"[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT_ERROR = Pattern.compile(
            "kc-feedback-text[^>]*>\\s*([^<]+?)\\s*<", Pattern.CASE_INSENSITIVE);
    private static final Pattern PAGE_TITLE = Pattern.compile("<title>\\s*([^<]*?)\\s*</title>", Pattern.CASE_INSENSITIVE);

    private final URI realmUrl;
    private final String userClientId;
    private final String userRedirectUri;
    private final HttpClient http;

    /**
     * @param realmUrl        e.g. {@code http://127.0.0.1:8180/realms/ecogov}
     * @param userClientId    the public client people log in through, e.g. {@code inspector-app}
     * @param userRedirectUri one of its registered redirect URIs; nothing needs to listen there
     */
    public Tokens(URI realmUrl, String userClientId, String userRedirectUri) {
        this.realmUrl = realmUrl;
        this.userClientId = userClientId;
        this.userRedirectUri = userRedirectUri;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** For the local stack's realm, with the user client from the configuration. */
    public static Tokens forLocalStack(URI realmUrl, LocalConfig config) {
        return new Tokens(realmUrl, config.get("ecogov.tokens.user-client"), config.get("ecogov.tokens.user-redirect-uri"));
    }

    public URI tokenEndpoint() {
        return URI.create(realmUrl + "/protocol/openid-connect/token");
    }

    public URI authorizationEndpoint() {
        return URI.create(realmUrl + "/protocol/openid-connect/auth");
    }

    /** A department system's token: client credentials grant. */
    public AccessToken clientCredentials(String clientId, String clientSecret) {
        TokenResponse response = requestToken(Map.of(
                "grant_type", "client_credentials",
                "client_id", clientId,
                "client_secret", clientSecret));
        return response.accessToken()
                .orElseThrow(() -> new TokenException("client credentials for " + clientId + " refused: " + response));
    }

    /** A person's token through the user client (authorization code + PKCE). */
    public AccessToken login(String username, String password) {
        return authorizationCodeWithPkce(userClientId, userRedirectUri, username, password);
    }

    /**
     * Drives the authorization code flow with PKCE S256 as a browser would: ask for the login page
     * (keeping Keycloak's cookies), post the credentials to the form's action, read the code from
     * the redirect to {@code redirectUri} (not followed) and exchange it with the code verifier.
     *
     * @throws LoginFailedException when Keycloak does not accept the credentials
     */
    public AccessToken authorizationCodeWithPkce(String clientId, String redirectUri, String username, String password) {
        HttpClient browser = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new BrowserSessionCookies())
                .build();
        Pkce pkce = Pkce.create();
        String state = randomToken(16);
        URI authorize = URI.create(authorizationEndpoint() + "?" + form(Map.of(
                "client_id", clientId,
                "response_type", "code",
                "scope", "openid",
                "redirect_uri", redirectUri,
                "state", state,
                "code_challenge", pkce.challenge(),
                "code_challenge_method", "S256")));

        HttpResponse<String> loginPage = send(browser, HttpRequest.newBuilder(authorize).GET());
        if (loginPage.statusCode() != 200) {
            throw new TokenException("authorization request for " + clientId + " answered " + loginPage.statusCode()
                    + describeRedirect(loginPage) + ": " + pageSummary(loginPage.body()));
        }
        URI action = loginFormAction(loginPage.body())
                .orElseThrow(() -> new TokenException("no login form on Keycloak's page: " + pageSummary(loginPage.body())));

        HttpResponse<String> afterLogin = send(browser, HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "username", username,
                        "password", password,
                        "credentialId", "")), StandardCharsets.UTF_8)));
        Optional<String> location = afterLogin.headers().firstValue("Location");
        if (afterLogin.statusCode() != 302 || location.isEmpty() || !location.get().startsWith(redirectUri)) {
            throw new LoginFailedException(username, afterLogin.statusCode() == 200
                    ? inputError(afterLogin.body()).orElse(pageSummary(afterLogin.body()))
                    : "status " + afterLogin.statusCode() + describeRedirect(afterLogin));
        }
        Map<String, String> callback = queryParameters(URI.create(location.get()));
        if (callback.containsKey("error")) {
            throw new TokenException("authorization for " + username + " failed: " + callback.get("error")
                    + " " + callback.getOrDefault("error_description", ""));
        }
        if (!state.equals(callback.get("state")) || !callback.containsKey("code")) {
            throw new TokenException("unexpected redirect after login: " + location.get());
        }

        TokenResponse response = requestToken(Map.of(
                "grant_type", "authorization_code",
                "client_id", clientId,
                "code", callback.get("code"),
                "redirect_uri", redirectUri,
                "code_verifier", pkce.verifier()));
        return response.accessToken()
                .orElseThrow(() -> new TokenException("code exchange for " + username + " refused: " + response));
    }

    /** Posts a form to the token endpoint and returns whatever Keycloak answered. */
    public TokenResponse requestToken(Map<String, String> parameters) {
        HttpResponse<String> response = send(http, HttpRequest.newBuilder(tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters), StandardCharsets.UTF_8)));
        Map<String, Object> body;
        try {
            body = JSON.readValue(response.body(), new TypeReference<>() { });
        } catch (IOException e) {
            body = Map.of("unparsed", response.body());
        }
        return new TokenResponse(response.statusCode(), body);
    }

    /** The claims of a JWT, read without checking its signature (the servers do that). */
    public static Map<String, Object> decodeClaims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), new TypeReference<>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JWT: " + e.getMessage(), e);
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenException("Keycloak did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException("interrupted while talking to Keycloak", e);
        }
    }

    static Optional<URI> loginFormAction(String html) {
        Matcher form = LOGIN_FORM.matcher(html);
        if (!form.find()) {
            return Optional.empty();
        }
        Matcher action = ACTION.matcher(form.group());
        return action.find() ? Optional.of(URI.create(unescapeHtml(action.group(1)))) : Optional.empty();
    }

    private static Optional<String> inputError(String html) {
        Matcher error = INPUT_ERROR.matcher(html);
        return error.find() ? Optional.of(unescapeHtml(error.group(1))) : Optional.empty();
    }

    private static String pageSummary(String html) {
        Matcher title = PAGE_TITLE.matcher(html);
        String heading = title.find() ? "page \"" + unescapeHtml(title.group(1)) + "\"" : "a page without a title";
        return inputError(html).map(error -> heading + ": " + error).orElse(heading);
    }

    private static String describeRedirect(HttpResponse<?> response) {
        return response.headers().firstValue("Location").map(l -> " (redirect to " + l + ")").orElse("");
    }

    private static String unescapeHtml(String text) {
        return text.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&lt;", "<").replace("&gt;", ">");
    }

    private static Map<String, String> queryParameters(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * The cookies of one login, sent back as a browser would. Keycloak marks its session cookies
     * {@code Secure} even over plain HTTP (browsers treat 127.0.0.1 as a secure context), which
     * the JDK's CookieManager then withholds from http:// URLs; one flow talks to one server, so
     * this jar keeps every cookie by name and sends them all.
     */
    private static final class BrowserSessionCookies extends CookieHandler {

        private final Map<String, String> cookies = new LinkedHashMap<>();

        @Override
        public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            if (cookies.isEmpty()) {
                return Map.of();
            }
            String header = cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "));
            return Map.of("Cookie", List.of(header));
        }

        @Override
        public synchronized void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((name, values) -> {
                if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                    values.forEach(this::store);
                }
            });
        }

        private void store(String setCookie) {
            String[] attributes = setCookie.split(";");
            int eq = attributes[0].indexOf('=');
            if (eq <= 0) {
                return;
            }
            String name = attributes[0].substring(0, eq).trim();
            boolean expired = false;
            for (int i = 1; i < attributes.length; i++) {
                String attribute = attributes[i].trim().toLowerCase(java.util.Locale.ROOT);
                expired |= attribute.equals("max-age=0") || attribute.startsWith("expires=thu, 01 jan 1970") || attribute.startsWith("expires=thu, 01-jan-1970");
            }
            if (expired) {
                cookies.remove(name);
            } else {
                cookies.put(name, attributes[0].substring(eq + 1).trim());
            }
        }
    }

    /** A PKCE pair (RFC 7636): a random verifier and its S256 challenge. */
    public record Pkce(String verifier, String challenge) {

        public static Pkce create() {
            String verifier = randomToken(32);
            return new Pkce(verifier, s256(verifier));
        }

        static String s256(String verifier) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** An access token and its claims. */
    public record AccessToken(String value, Map<String, Object> claims) {

        public static AccessToken of(String jwt) {
            return new AccessToken(jwt, decodeClaims(jwt));
        }

        /** A string claim, if present. */
        public Optional<String> claim(String name) {
            Object value = claims.get(name);
            return value == null ? Optional.empty() : Optional.of(value.toString());
        }

        /** {@code realm_access.roles}. */
        @SuppressWarnings("unchecked")
        public List<String> realmRoles() {
            Object realmAccess = claims.get("realm_access");
            if (realmAccess instanceof Map<?, ?> access && access.get("roles") instanceof List<?> roles) {
                return roles.stream().map(Object::toString).toList();
            }
            return List.of();
        }

        @Override
        public String toString() {
            return "AccessToken" + claims;
        }
    }

    /** What the token endpoint answered: the HTTP status and the JSON body. */
    public record TokenResponse(int status, Map<String, Object> body) {

        public Optional<AccessToken> accessToken() {
            Object token = body.get("access_token");
            return status == 200 && token != null ? Optional.of(AccessToken.of(token.toString())) : Optional.empty();
        }

        /** The OAuth error code ({@code invalid_client}, {@code unauthorized_client}, ...), if any. */
        public Optional<String> error() {
            return Optional.ofNullable(body.get("error")).map(Object::toString);
        }

        @Override
        public String toString() {
            return status + " " + error().orElse("") + " " + Optional.ofNullable(body.get("error_description")).orElse("");
        }
    }

    /** Keycloak refused or did not give a token. */
    public static class TokenException extends RuntimeException {

        public TokenException(String message) {
            super(message);
        }

        public TokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Keycloak did not accept a user's credentials (the login page came back). */
    public static final class LoginFailedException extends TokenException {

        public LoginFailedException(String username, String reason) {
            super("login as " + username + " failed: " + reason);
        }
    }
}
