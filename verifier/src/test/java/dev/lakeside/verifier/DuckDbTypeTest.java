package dev.lakeside.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.verifier.DuckDbType.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DuckDbTypeTest {
  /** text | kind | sql() (the re-rendered type; "null" when it cannot be written back) */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "null", textBlock = """
      BOOLEAN                          | BOOLEAN     | BOOLEAN
      int                              | INTEGER     | INTEGER
      INT8                             | BIGINT      | BIGINT
      FLOAT                            | REAL        | REAL
      DOUBLE PRECISION                 | DOUBLE      | DOUBLE
      VARCHAR(20)                      | VARCHAR     | VARCHAR
      DECIMAL(18,4)                    | DECIMAL     | DECIMAL(18,4)
      NUMERIC                          | DECIMAL     | DECIMAL(18,3)
      DECIMAL( 9 )                     | DECIMAL     | DECIMAL(9,0)
      TIMESTAMP WITH TIME ZONE         | TIMESTAMPTZ | TIMESTAMPTZ
      TIMESTAMPTZ                      | TIMESTAMPTZ | TIMESTAMPTZ
      timestamp without time zone      | TIMESTAMP   | TIMESTAMP
      TIME WITH TIME ZONE              | TIMETZ      | TIMETZ
      TIMESTAMP_NS                     | TIMESTAMP_NS| TIMESTAMP_NS
      VARCHAR[]                        | LIST        | VARCHAR[]
      BIGINT[][]                       | LIST        | BIGINT[][]
      INTEGER[2]                       | ARRAY       | INTEGER[2]
      MAP(VARCHAR, DOUBLE)             | MAP         | MAP(VARCHAR, DOUBLE)
      STRUCT(a INTEGER, b VARCHAR)     | STRUCT      | STRUCT("a" INTEGER, "b" VARCHAR)
      STRUCT("x y" INTEGER, "q""x" INT) | STRUCT     | STRUCT("x y" INTEGER, "q""x" INTEGER)
      STRUCT("s" VARCHAR, "l" VARCHAR[])[] | LIST    | STRUCT("s" VARCHAR, "l" VARCHAR[])[]
      "NULL"                           | NULL        | null
      ENUM                             | ENUM        | null
      ENUM('a', 'it''s')               | ENUM        | null
      UNION(k INTEGER)                 | UNION       | null
      INVALID                          | UNKNOWN     | null
      UNKNOWN                          | UNKNOWN     | null
      GEOMETRY                         | OTHER       | null
      """)
  void parsesAndRendersBack(String text, Kind kind, String sql) {
    DuckDbType type = DuckDbType.parse(text);
    assertThat(type.kind()).isEqualTo(kind);
    assertThat(type.sql()).isEqualTo(sql);
    assertThat(type.text()).isEqualTo(text.strip());
  }

  @Test
  void nestedPartsKeepTheirOwnText() {
    DuckDbType map = DuckDbType.parse("MAP(VARCHAR, STRUCT(a INTEGER[]))");
    assertThat(map.element().text()).isEqualTo("VARCHAR");
    assertThat(map.value().text()).isEqualTo("STRUCT(a INTEGER[])");
    assertThat(map.value().fieldTypes().get(0).text()).isEqualTo("INTEGER[]");
    assertThat(map.value().fieldTypes().get(0).element().text()).isEqualTo("INTEGER");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      ``                  | expected a type name at offset 0, found the end
      DECIMAL(18          | expected ')' at offset 10, found the end
      MAP(VARCHAR)        | expected ',' at offset 11, found ')'
      STRUCT              | expected '(' after STRUCT
      INTEGER junk        | expected the end of the type at offset 8, found 'junk'
      STRUCT("a INTEGER)  | expected a closing '"'
      """)
  void badTextIsAnErrorSayingWhatAndWhere(String text, String message) {
    assertThatThrownBy(() -> DuckDbType.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read the DuckDB type \"" + text + "\"").hasMessageContaining(message);
    assertThat(DuckDbType.parseOrOther(text).kind()).isEqualTo(Kind.OTHER);
  }

  /** What the driver reports is what the parser reads, and rendered types are what DuckDB accepts. */
  @Test
  void roundTripsThroughDuckDb() throws SQLException {
    Properties config = new Properties();
    config.setProperty("threads", "1");
    try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", config)) {
      for (String ddl : List.of("TINYINT", "UBIGINT", "HUGEINT", "DECIMAL(38,10)", "TIMESTAMPTZ", "TIMETZ",
          "TIMESTAMP_MS", "INTERVAL", "BLOB", "UUID", "JSON", "VARCHAR[]", "INTEGER[3]", "MAP(VARCHAR, BIGINT[])",
          "STRUCT(\"street\" VARCHAR, \"zip code\" INTEGER, \"lines\" VARCHAR[])[]")) {
        DuckDbType declared = DuckDbType.parse(ddl);
        try (PreparedStatement statement = connection.prepareStatement("SELECT CAST(NULL AS " + declared.sql()
            + ") AS v")) {
          DuckDbType reported = DuckDbType.parse(statement.getMetaData().getColumnTypeName(1));
          assertThat(reported.kind()).as(ddl).isEqualTo(declared.kind());
          assertThat(reported.sql()).as(ddl).isEqualTo(declared.sql());
        }
      }
    }
  }
}
