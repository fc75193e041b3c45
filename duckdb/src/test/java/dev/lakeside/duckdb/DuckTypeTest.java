package dev.lakeside.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.duckdb.DuckType.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DuckTypeTest {
    /** text | kind | name() | sql() */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      BOOLEAN                          | BOOLEAN     | BOOLEAN     | BOOLEAN
      int                              | INTEGER     | INTEGER     | INTEGER
      INT8                             | BIGINT      | BIGINT      | BIGINT
      UINT16                           | USMALLINT   | USMALLINT   | USMALLINT
      VARINT                           | BIGNUM      | BIGNUM      | BIGNUM
      REAL                             | FLOAT       | FLOAT       | FLOAT
      DOUBLE PRECISION                 | DOUBLE      | DOUBLE      | DOUBLE
      VARCHAR(20)                      | VARCHAR     | VARCHAR     | VARCHAR
      DECIMAL(18,4)                    | DECIMAL     | DECIMAL     | DECIMAL(18,4)
      NUMERIC                          | DECIMAL     | DECIMAL     | DECIMAL(18,3)
      DECIMAL( 9 )                     | DECIMAL     | DECIMAL     | DECIMAL(9,0)
      TIMESTAMP WITH TIME ZONE         | TIMESTAMPTZ | TIMESTAMPTZ | TIMESTAMPTZ
      timestamp without time zone      | TIMESTAMP   | TIMESTAMP   | TIMESTAMP
      DATETIME                         | TIMESTAMP   | TIMESTAMP   | TIMESTAMP
      TIME WITH TIME ZONE              | TIMETZ      | TIMETZ      | TIMETZ
      TIMESTAMP_NS                     | TIMESTAMP_NS| TIMESTAMP_NS| TIMESTAMP_NS
      VARCHAR[]                        | LIST        | LIST        | VARCHAR[]
      BIGINT[][]                       | LIST        | LIST        | BIGINT[][]
      INTEGER[2]                       | ARRAY       | ARRAY       | INTEGER[2]
      MAP(VARCHAR, INTEGER[])          | MAP         | MAP         | MAP(VARCHAR, INTEGER[])
      STRUCT(a INTEGER, b VARCHAR)     | STRUCT      | STRUCT      | STRUCT("a" INTEGER, "b" VARCHAR)
      ROW(a INTEGER)                   | STRUCT      | STRUCT      | STRUCT("a" INTEGER)
      STRUCT("x y" INTEGER, "q""x" INT) | STRUCT     | STRUCT      | STRUCT("x y" INTEGER, "q""x" INTEGER)
      STRUCT("s" VARCHAR, "l" VARCHAR[])[] | LIST    | LIST        | STRUCT("s" VARCHAR, "l" VARCHAR[])[]
      UNION(k INTEGER, s VARCHAR)      | UNION       | UNION       | UNION("k" INTEGER, "s" VARCHAR)
      "NULL"                           | NULL        | NULL        | NULL
      ENUM                             | ENUM        | ENUM        | VARCHAR
      ENUM('a', 'it''s', 'b)')         | ENUM        | ENUM        | ENUM('a', 'it''s', 'b)')
      INVALID                          | UNKNOWN     | INVALID     | INVALID
      geometry('x(')                   | OTHER       | GEOMETRY    | GEOMETRY
      "odd type"                       | OTHER       | ODD TYPE    | "ODD TYPE"
      """)
    void parsesAndRendersBack(String text, Kind kind, String name, String sql) {
        DuckType type = DuckType.parse(text);
        assertThat(type.kind()).isEqualTo(kind);
        assertThat(type.name()).isEqualTo(name);
        assertThat(type.sql()).isEqualTo(sql);
        assertThat(type.text()).isEqualTo(text.strip());
    }

    @Test
    void exposesStructure() {
        DuckType map = DuckType.parse("MAP(VARCHAR, STRUCT(\"a\"\"q\" DECIMAL(38,10)[]))");
        assertThat(map.element().text()).isEqualTo("VARCHAR");
        assertThat(map.value().text()).isEqualTo("STRUCT(\"a\"\"q\" DECIMAL(38,10)[])");
        DuckType.Field field = map.value().fields().get(0);
        assertThat(field.name()).isEqualTo("a\"q");
        assertThat(field.type().element().precision()).isEqualTo(38);
        assertThat(field.type().element().scale()).isEqualTo(10);
        assertThat(DuckType.parse("INTEGER[3]").size()).isEqualTo(3);
        assertThat(DuckType.parse("ENUM('x', 'y''z')").labels()).containsExactly("x", "y'z");
        assertThat(Kind.UHUGEINT.integral()).isTrue();
        assertThat(Kind.UNION.nested()).isTrue();
        assertThat(Kind.TIMESTAMP_MS.timestamp()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      ``                  | expected a type name at offset 0, found the end
      DECIMAL(18          | expected ')' at offset 10, found the end
      DECIMAL(39,2)       | expected DECIMAL precision 1 to 38
      DECIMAL(4,5)        | expected DECIMAL precision 1 to 38
      MAP(VARCHAR)        | expected ',' at offset 11, found ')'
      MAP(VARCHAR INTEGER)| expected ',' at offset 12, found 'INTEGER)'
      STRUCT              | expected '(' after STRUCT
      STRUCT(a INT, A INT)| expected a field name other than "a", which is taken
      INTEGER junk        | expected the end of the type at offset 8, found 'junk'
      STRUCT("a INTEGER)  | expected a closing "
      ENUM(a)             | expected an ENUM label in single quotes
      INTEGER[99999999999]| expected ']'
      """)
    void badTextIsAnErrorSayingWhatAndWhere(String text, String message) {
        assertThatThrownBy(() -> DuckType.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the DuckDB type \"" + text + "\"")
                .hasMessageContaining(message);
        assertThat(DuckType.parseLenient(text).kind()).isEqualTo(Kind.OTHER);
    }

    @Test
    void builtTypes() {
        assertThat(DuckType.of(Kind.BIGINT).sql()).isEqualTo("BIGINT");
        assertThat(DuckType.of(Kind.DECIMAL).sql()).isEqualTo("DECIMAL(18,3)");
        assertThat(DuckType.decimal(10, 2)).isEqualTo(DuckType.parse("numeric(10, 2)"));
        assertThatThrownBy(() -> DuckType.of(Kind.LIST)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DuckType.decimal(0, 0)).hasMessageContaining("found (0,0)");
        assertThat(DuckType.parseLenient(null).kind()).isEqualTo(Kind.OTHER);
    }

    /** What the driver reports is what the parser reads, and rendered types are what DuckDB accepts. */
    @Test
    void roundTripsThroughDuckDb() throws SQLException {
        Properties config = new Properties();
        config.setProperty("threads", "1");
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", config)) {
            for (String ddl : List.of(
                    "TINYINT",
                    "UBIGINT",
                    "HUGEINT",
                    "FLOAT",
                    "DECIMAL(38,10)",
                    "TIMESTAMPTZ",
                    "TIMETZ",
                    "TIMESTAMP_MS",
                    "INTERVAL",
                    "BLOB",
                    "UUID",
                    "JSON",
                    "BIT",
                    "VARCHAR[]",
                    "INTEGER[3]",
                    "MAP(VARCHAR, BIGINT[])",
                    "ENUM('a', 'it''s')",
                    "UNION(\"k\" INTEGER, \"s\" VARCHAR)",
                    "STRUCT(\"street\" VARCHAR, \"zip code\" INTEGER, \"lines\" VARCHAR[])[]")) {
                DuckType declared = DuckType.parse(ddl);
                try (PreparedStatement statement =
                        connection.prepareStatement("SELECT CAST(NULL AS " + declared.sql() + ") AS v")) {
                    DuckType reported = DuckType.parse(statement.getMetaData().getColumnTypeName(1));
                    assertThat(reported.kind()).as(ddl).isEqualTo(declared.kind());
                    assertThat(reported.sql()).as(ddl).isIn(declared.sql(), "VARCHAR");
                }
            }
        }
    }
}
