package dev.fleet.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlCredentialsTest {
    @Test
    void blanksTheUserInformationOfEveryUrlInATextAndNothingElse() {
        assertThat(UrlCredentials.redact("from https://fleet:p@ss@mirror.example/r.tgz and http://u@[::1]:80/x, "
                + "mail ops@example.com, see https://mirror.example/a@b"))
                .isEqualTo("from https://***@mirror.example/r.tgz and http://***@[::1]:80/x, "
                        + "mail ops@example.com, see https://mirror.example/a@b");
    }

    @Test
    void tellsAUrlWithCredentialsFromOneWithout() {
        assertThat(UrlCredentials.present("https://mirror.example/a@b?c=d@e#@")).isFalse();
        assertThat(UrlCredentials.present(null)).isFalse();
        assertThat(UrlCredentials.present(" https://token@mirror.example/")).isTrue();
    }
}
