package dev.fleet.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueQueryTest {

    @Test
    void asksARepositoryPoolsRepositoryForJobsItsRunnersCouldTake() {
        QueueQuery query = QueueQuery.of(Pools.repo("octo/app", "gpu"));

        assertThat(query).isEqualTo(new QueueQuery("p", List.of("octo/app"), Set.of("self-hosted", "Linux", "X64",
                "gpu")));
    }

    @Test
    void asksEachRepositoryAnOrgPoolListsWithoutDefaultLabelsWhenThePoolTurnsThemOff() {
        QueueQuery org = QueueQuery.of(Pools.org("acme", List.of("api", "web"), "linux"));
        QueueQuery bare = QueueQuery.of(Pools.repo("octo/app", List.of("gpu"), true));

        assertThat(org.repositories()).containsExactly("acme/api", "acme/web");
        assertThat(bare.labels()).containsExactly("gpu");
    }

    @Test
    void refusesAnOrgPoolWithoutRepositories() {
        assertThatThrownBy(() -> QueueQuery.of(Pools.org("acme", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("organization acme but lists no repos");
    }

    @Test
    void refusesAQueryOfNoRepository() {
        assertThatThrownBy(() -> new QueueQuery("p", List.of(), Set.of("gpu")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pool p watches no repository's queue");
    }
}
