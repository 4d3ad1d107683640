package dev.fleet.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class WorkersTest {

    @Test
    void threadsAreNumberedDaemons() {
        ThreadFactory threads = Workers.daemons("fleet-provision-ci");

        Thread first = threads.newThread(() -> { });
        Thread second = threads.newThread(() -> { });

        assertThat(first.getName()).isEqualTo("fleet-provision-ci-1");
        assertThat(second.getName()).isEqualTo("fleet-provision-ci-2");
        assertThat(first.isDaemon()).isTrue();
    }

    @Test
    void aResultComesBackAndWhatEscapedATaskIsRethrownAsItWas() throws InterruptedException {
        assertThat(Workers.result(CompletableFuture.completedFuture("online"))).isEqualTo("online");

        IllegalArgumentException bug = new IllegalArgumentException("runner of another VM");
        assertThatThrownBy(() -> Workers.result(CompletableFuture.failedFuture(bug))).isSameAs(bug);
        StackOverflowError error = new StackOverflowError();
        assertThatThrownBy(() -> Workers.result(CompletableFuture.failedFuture(error))).isSameAs(error);
        IOException checked = new IOException("disk");
        assertThatThrownBy(() -> Workers.result(CompletableFuture.failedFuture(checked)))
                .isInstanceOf(IllegalStateException.class).hasCause(checked);
    }
}
