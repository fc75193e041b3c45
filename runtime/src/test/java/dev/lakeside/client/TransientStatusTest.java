package dev.lakeside.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client's one rule for which statuses are transient, which the tracker follows too: the two kept their own
 * lists and disagreed (the tracker retried a 507 or a 599 that the client called final).
 */
class TransientStatusTest {
    private static LakehouseException error(int status) {
        return Transport.statusError(ErrorContext.of("append", "POST", "/append"), status, null, "{\"error\":\"x\"}");
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504, 507, 599})
    void transientStatusesAreRetriable(int status) {
        assertThat(Transport.isTransient(status)).isTrue();
        assertThat(error(status).retriable()).as("status %d", status).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 409, 413, 422, 501, 505})
    void otherStatusesAreFinal(int status) {
        assertThat(Transport.isTransient(status)).isFalse();
        assertThat(error(status).retriable()).as("status %d", status).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void credentialsRefusedAreAnAuthErrorAndFinal(int status) {
        assertThat(error(status)).isInstanceOf(AuthException.class);
        assertThat(error(status).retriable()).isFalse();
    }
}
