package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsersTest {
    private final Users users = new Users(new LinkedHashMap<>(Map.of("alice", "a:b", "bob", "")));

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsTheRightPairAndSplitsAtTheFirstColon() {
        assertThat(users.authenticate(basic("alice:a:b"))).isEqualTo("alice");
        assertThat(users.authenticate(basic("bob:"))).isEqualTo("bob");
    }

    @Test
    void schemeIsCaseInsensitiveAndSpacesAreTolerated() {
        assertThat(users.authenticate("basic  " + basic("alice:a:b").substring(6) + " "))
                .isEqualTo("alice");
    }

    @Test
    void rejectsEverythingElse() {
        assertThat(users.authenticate(null)).isNull();
        assertThat(users.authenticate("")).isNull();
        assertThat(users.authenticate(basic("alice:a"))).isNull();
        assertThat(users.authenticate(basic("bob:a:b"))).isNull();
        assertThat(users.authenticate(basic("carol:x"))).isNull();
        assertThat(users.authenticate(basic("alice"))).isNull();
        assertThat(users.authenticate("Bearer " + basic("alice:a:b").substring(6)))
                .isNull();
        assertThat(users.authenticate("Basic %%%not-base64")).isNull();
    }
}
