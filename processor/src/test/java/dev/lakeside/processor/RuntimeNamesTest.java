package dev.lakeside.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.internal.SqlType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RuntimeNamesTest {
    /** Generated code writes {@code SqlType.X} for exactly the constants the runtime has. */
    @Test
    void sqlTypeConstantsAreTheRuntimes() {
        Set<String> runtime = Arrays.stream(SqlType.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == SqlType.class)
                .map(Field::getName)
                .collect(Collectors.toSet());
        assertThat(runtime).isEqualTo(RuntimeNames.SQL_TYPE_CONSTANTS);
        assertThat(RuntimeNames.sqlType("REAL")).hasToString("dev.lakeside.internal.SqlType.FLOAT");
        assertThat(RuntimeNames.sqlType("DECIMAL(18,4)"))
                .hasToString("dev.lakeside.internal.SqlType.of(\"DECIMAL(18,4)\")");
    }
}
