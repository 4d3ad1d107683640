package dev.fleet.github;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkHeaderTest {
    @Test
    void findsTheNextPageWhereverItStands() {
        assertThat(LinkHeader.next("<https://api.github.com/repositories/1/actions/runners?page=2>; rel=\"next\", "
                + "<https://api.github.com/repositories/1/actions/runners?page=5>; rel=\"last\""))
                .isEqualTo("https://api.github.com/repositories/1/actions/runners?page=2");
        assertThat(LinkHeader.next("<https://x/a?page=1>; rel=\"prev\", <https://x/a?page=3>; rel=\"next\""))
                .isEqualTo("https://x/a?page=3");
        assertThat(LinkHeader.next("<https://x/a?page=3>;rel=next")).isEqualTo("https://x/a?page=3");
        assertThat(LinkHeader.next("<https://x/a?page=3>; rel=\"prev next\"")).isEqualTo("https://x/a?page=3");
    }

    @Test
    void hasNoNextOnTheLastPage() {
        assertThat(LinkHeader.next("<https://x/a?page=1>; rel=\"prev\", <https://x/a?page=1>; rel=\"first\"")).isNull();
        assertThat(LinkHeader.next("<https://x/a?page=1>; rel=\"nextish\"")).isNull();
        assertThat(LinkHeader.next(null)).isNull();
    }
}
