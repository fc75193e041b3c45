package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouterTest {
    private final Router.Handler query = (exchange, user) -> {};
    private final Router.Handler log = (exchange, user) -> {};
    private final Router.Handler cancel = (exchange, user) -> {};
    private final Router router = new Router()
            .route("POST", "/query", query)
            .route("GET", "/query/{id}", log)
            .route("DELETE", "/query/{id}", cancel);

    @Test
    void matchesLiteralAndVariableSegments() {
        assertThat(router.match("POST", "/query").handler()).isSameAs(query);
        Router.Match match = router.match("DELETE", "/query/abc");
        assertThat(match.handler()).isSameAs(cancel);
        assertThat(match.variables()).containsEntry("id", "abc");
    }

    @Test
    void headIsServedByGet() {
        assertThat(router.match("HEAD", "/query/abc").handler()).isSameAs(log);
    }

    @Test
    void knownPathWithOtherMethodListsTheAllowedOnes() {
        Router.Match match = router.match("PUT", "/query/abc");
        assertThat(match.found()).isFalse();
        assertThat(match.pathKnown()).isTrue();
        assertThat(match.allowed()).containsExactly("GET", "DELETE");
    }

    @Test
    void unknownPathsAndTrailingSlashesDoNotMatch() {
        assertThat(router.match("POST", "/nope").pathKnown()).isFalse();
        assertThat(router.match("POST", "/query/").found()).isFalse();
        assertThat(router.match("GET", "/query/abc/").pathKnown()).isFalse();
    }
}
