package dev.lakeside.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.lakeside.mapping.RowMappingException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnSlotsTest {
    private static final String[] COLUMNS = {"id", "user_id", "note"};
    private static final boolean[] REQUIRED = {true, false, false};

    @Test
    void exactNamesFirst_thenIgnoringCase_extrasSkipped() {
        ColumnSlots slots = ColumnSlots.resolve("\"t\"", COLUMNS, REQUIRED, List.of("extra", "USER_ID", "id", "Id"));
        assertThat(slots.target(0)).isEqualTo(-1);
        assertThat(slots.target(1)).isEqualTo(1);
        assertThat(slots.target(2)).isEqualTo(0);
        assertThat(slots.target(3)).isEqualTo(-1); // "id" already bound exactly
        assertThat(slots.target(99)).isEqualTo(-1);
    }

    @Test
    void missingRequiredColumn_failsEachRowWithItsNumber() throws Exception {
        ColumnSlots slots = ColumnSlots.resolve("\"t\"", COLUMNS, REQUIRED, List.of("note"));
        try (JsonParser parser = new JsonFactory().createParser("[1]")) {
            parser.nextToken();
            assertThatThrownBy(() -> slots.begin(parser, 42))
                    .isInstanceOf(RowMappingException.class)
                    .hasMessage(
                            "cannot map row 42 of \"t\": column \"id\": expected a NOT NULL column, found no such column "
                                    + "in the result columns [note]; select it, or make the component nullable");
        }
    }

    @Test
    void parserNotOnARow_isAnIllegalArgument() throws Exception {
        ColumnSlots slots = ColumnSlots.resolve("\"t\"", COLUMNS, REQUIRED, List.of("id"));
        try (JsonParser parser = new JsonFactory().createParser("{}")) {
            parser.nextToken();
            assertThatThrownBy(() -> slots.begin(parser, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("expected the parser on the START_ARRAY of row 1 of \"t\", found START_OBJECT");
        }
    }

    @Test
    void truncatedRow_isAnEofNotALoop() throws Exception {
        ColumnSlots slots = ColumnSlots.resolve("\"t\"", COLUMNS, REQUIRED, List.of("id"));
        try (JsonParser parser = new JsonFactory().createParser("[1")) {
            parser.nextToken();
            slots.begin(parser, 1);
            assertThat(slots.next(parser, 1)).isTrue();
            assertThatThrownBy(() -> slots.next(parser, 1)).isInstanceOf(java.io.IOException.class);
        }
    }
}
