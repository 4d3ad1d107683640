package dev.fleet.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A GitHub App installation: signs a JWT with the App's private key, finds the installation when no id is given,
 * exchanges the JWT for an installation token and keeps that until five minutes before it expires.
 */
final class AppCredentials implements GitHubCredentials {
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final long appId;
    private final RunnerScope installedOn;
    private final String identity;
    private final Clock clock;
    private final GitHubClient appClient;
    private Long installationId;
    private InstallationToken current;

    /**
     * @param privateKeyFile the {@code .pem} file GitHub gave for the App (PKCS#1 or PKCS#8)
     * @param installationId the installation, or null to look it up on {@code installedOn}
     * @param installedOn    a repository or organization the App is installed on; used only to find the installation
     * @param settings       how to reach GitHub for the App's own calls
     */
    AppCredentials(long appId, Path privateKeyFile, Long installationId, RunnerScope installedOn,
                          GitHubClientSettings settings) {
        this(appId, privateKeyFile, installationId, installedOn, settings, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    AppCredentials(long appId, Path privateKeyFile, Long installationId, RunnerScope installedOn,
                          GitHubClientSettings settings, Clock clock, Sleeper sleeper) {
        if (installationId == null && installedOn == null) {
            throw new IllegalArgumentException("a GitHub App needs an installation id or a repository/org to find it");
        }
        this.appId = appId;
        this.installationId = installationId;
        this.installedOn = installedOn;
        this.identity = "github-app:" + appId + ":" + (installationId != null ? installationId : installedOn);
        this.clock = clock;
        AppJwt jwt = new AppJwt(appId, readKey(privateKeyFile), clock);
        this.appClient = new GitHubClient(settings, new JwtCredentials(appId, privateKeyFile, jwt), clock, sleeper);
    }

    @Override
    public synchronized String token() {
        if (current == null || !clock.instant().isBefore(current.expiresAt().minus(REFRESH_BEFORE_EXPIRY))) {
            current = appClient.post("/app/installations/" + installationId() + "/access_tokens", null,
                    InstallationToken.class, Retry.SAFE_TO_REPEAT);
        }
        return current.token().reveal();
    }

    @Override
    public synchronized void invalidate() {
        current = null;
    }

    @Override
    public String source() {
        return "GitHub App " + appId;
    }

    /** Stable across token refreshes: the installation sees the same data whichever of its tokens asks. */
    @Override
    public String identity() {
        return identity;
    }

    /** Stats of the App's own calls (installation lookup, token exchanges). */
    public ClientStats stats() {
        return appClient.stats();
    }

    @Override
    public String toString() {
        return "AppCredentials[" + source() + "]";
    }

    private long installationId() {
        if (installationId == null) {
            try {
                installationId = appClient.get(installedOn.apiPath() + "/installation", Installation.class).id();
            } catch (GitHubException e) {
                if (e.kind() != GitHubException.Kind.NOT_FOUND) {
                    throw e;
                }
                throw new GitHubException(e.kind(), e.status(), source() + " is not installed on " + installedOn
                        + " (or it does not exist): install the App there, or set github.app.installationId");
            }
        }
        return installationId;
    }

    private static PrivateKey readKey(Path file) {
        try {
            return RsaPrivateKeys.fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException e) {
            throw new GitHubException(GitHubException.Kind.MISSING_CREDENTIALS, 0,
                    "cannot read the GitHub App private key " + file + " (" + describe(e)
                            + "): set github.app.privateKeyPath to the .pem file GitHub generated for the App");
        }
    }

    private static String describe(Exception e) {
        return e instanceof IllegalArgumentException ? e.getMessage() : e.getClass().getSimpleName();
    }

    record Installation(long id) {
    }

    record InstallationToken(Secret token, Instant expiresAt) {
    }

    /** The App itself, for {@code /app/...} calls: a freshly signed JWT each time, never stored. */
    private record JwtCredentials(long appId, Path keyFile, AppJwt jwt) implements GitHubCredentials {
        @Override
        public String token() {
            return jwt.sign();
        }

        @Override
        public void invalidate() {
        }

        @Override
        public String source() {
            return "GitHub App " + appId + " (JWT signed with " + keyFile + ")";
        }

        @Override
        public String identity() {
            return "github-app-jwt:" + appId;
        }
    }
}
