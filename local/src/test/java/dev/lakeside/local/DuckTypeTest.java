package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DuckTypeTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "BIGINT | BIGINT",
      "TIMESTAMP WITH TIME ZONE | TIMESTAMPTZ",
      "TIME WITH TIME ZONE | TIMETZ",
      "int | INTEGER",
      "DECIMAL(10,2) | DECIMAL(10,2)",
      "DECIMAL | DECIMAL(18,3)",
      "INTEGER[] | INTEGER[]",
      "INTEGER[3] | INTEGER[3]",
      "INTEGER[][] | INTEGER[][]",
      "MAP(VARCHAR, INTEGER[]) | MAP(VARCHAR, INTEGER[])",
      "STRUCT(a INTEGER, \"b c\" VARCHAR) | STRUCT(\"a\" INTEGER, \"b c\" VARCHAR)",
      "STRUCT(x INTEGER[])[] | STRUCT(\"x\" INTEGER[])[]",
      "UNION(k INTEGER, s VARCHAR) | UNION(\"k\" INTEGER, \"s\" VARCHAR)",
      "ENUM('a', 'b)') | ENUM",
      "VARCHAR(10) | VARCHAR",
  })
  void parsesAndRespells(String text, String sql) {
    assertThat(DuckType.parse(text).sql()).isEqualTo(sql);
  }

  @Test
  void exposesStructure() {
    DuckType type = DuckType.parse("MAP(VARCHAR, STRUCT(\"a\"\"q\" DECIMAL(38,10)))");
    assertThat(type.id()).isEqualTo("MAP");
    assertThat(type.element().id()).isEqualTo("VARCHAR");
    DuckType.Field field = type.value().fields().get(0);
    assertThat(field.name()).isEqualTo("a\"q");
    assertThat(field.type().precision()).isEqualTo(38);
    assertThat(field.type().scale()).isEqualTo(10);
  }

  @Test
  void rejectsMalformedNames() {
    assertThatThrownBy(() -> DuckType.parse("MAP(VARCHAR INTEGER)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected ','");
  }
}
