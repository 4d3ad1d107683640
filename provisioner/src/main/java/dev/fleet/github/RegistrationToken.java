package dev.fleet.github;

import java.time.Instant;

/** A registration or remove token for {@code config.sh}; GitHub makes them valid for one hour. */
public record RegistrationToken(Secret token, Instant expiresAt) {
}
