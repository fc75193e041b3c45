package dev.lakeside.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.duckdb.DuckType;
import dev.lakeside.verifier.Assignability.Fit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The README's assignability tables, row by row. */
class AssignabilityTest {
    /** column type | component type (as mapped) | primitive | fits */
    @ParameterizedTest(name = "{0} into {1}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
      BIGINT                   | BIGINT               | true  | true
      INTEGER                  | BIGINT               | true  | true
      UINTEGER                 | BIGINT               | true  | true
      UBIGINT                  | BIGINT               | true  | false
      BIGINT                   | INTEGER              | true  | false
      HUGEINT                  | BIGINT               | false | false
      SMALLINT                 | INTEGER              | true  | true
      UTINYINT                 | TINYINT              | true  | false
      UTINYINT                 | SMALLINT             | true  | true
      DECIMAL(9,0)             | INTEGER              | true  | true
      DECIMAL(10,0)            | INTEGER              | true  | false
      DECIMAL(18,2)            | BIGINT               | true  | false
      UHUGEINT                 | HUGEINT              | false | true
      DECIMAL(30,0)            | HUGEINT              | false | true
      DECIMAL(30,2)            | HUGEINT              | false | false
      DECIMAL(38,4)            | DECIMAL(18,4)        | false | true
      BIGINT                   | DECIMAL(38,10)       | false | true
      DOUBLE                   | DECIMAL(38,10)       | false | false
      INTEGER                  | DOUBLE               | true  | true
      BIGINT                   | DOUBLE               | true  | true
      REAL                     | DOUBLE               | true  | true
      DOUBLE                   | REAL                 | true  | false
      DECIMAL(18,4)            | DOUBLE               | true  | false
      VARCHAR                  | VARCHAR              | false | true
      ENUM                     | VARCHAR              | false | true
      UUID                     | VARCHAR              | false | false
      JSON                     | VARCHAR              | false | false
      JSON                     | JSON                 | false | true
      VARCHAR                  | JSON                 | false | false
      TIMESTAMP WITH TIME ZONE | TIMESTAMPTZ          | false | true
      TIMESTAMP                | TIMESTAMPTZ          | false | false
      TIMESTAMP_NS             | TIMESTAMP            | false | true
      TIMESTAMP WITH TIME ZONE | TIMESTAMP            | false | false
      DATE                     | DATE                 | false | true
      DATE                     | TIMESTAMP            | false | false
      TIME                     | TIME                 | false | true
      TIME WITH TIME ZONE      | TIME                 | false | false
      INTERVAL                 | INTERVAL             | false | true
      BLOB                     | BLOB                 | false | true
      BOOLEAN                  | BOOLEAN              | true  | true
      INTEGER                  | BOOLEAN              | true  | false
      INTEGER[]                | BIGINT[]             | false | true
      INTEGER[3]               | BIGINT[]             | false | true
      BIGINT[]                 | INTEGER[]            | false | false
      VARCHAR                  | VARCHAR[]            | false | false
      MAP(VARCHAR, INTEGER)    | MAP(VARCHAR, BIGINT) | false | true
      MAP(INTEGER, INTEGER)    | MAP(VARCHAR, BIGINT) | false | false
      STRUCT(a INTEGER, b VARCHAR, c DATE) | STRUCT("A" BIGINT, "b" VARCHAR) | false | true
      STRUCT(a INTEGER)        | STRUCT("a" INTEGER, "b" VARCHAR) | false | false
      "NULL"                   | BIGINT               | false | true
      "NULL"                   | BIGINT               | true  | false
      UNKNOWN                  | BIGINT               | true  | true
      UNION(k INTEGER)         | INTEGER              | true  | false
      GEOMETRY                 | BLOB                 | false | false
      """)
    void resultColumns(String column, String target, boolean primitive, boolean fits) {
        String problem =
                Assignability.resultProblem(DuckType.parseLenient(column), DuckType.parseLenient(target), primitive);
        if (fits) {
            assertThat(problem).isNull();
        } else {
            assertThat(problem).isNotBlank();
        }
    }

    @Test
    void onlyHugeintIntoLongIsAnOverflowOnlyNarrowing() {
        assertThat(Assignability.overflowOnly(DuckType.parse("HUGEINT"), DuckType.parse("BIGINT")))
                .isTrue();
        assertThat(Assignability.overflowOnly(DuckType.parse("HUGEINT"), DuckType.parse("INTEGER")))
                .isFalse();
        assertThat(Assignability.overflowOnly(DuckType.parse("BIGINT"), DuckType.parse("INTEGER")))
                .isFalse();
        assertThat(Assignability.overflowOnly(DuckType.parse("UBIGINT"), DuckType.parse("BIGINT")))
                .isFalse();
    }

    @Test
    void problemsSayWhatDoesNotFit() {
        assertThat(Assignability.resultProblem(DuckType.parse("BIGINT"), DuckType.parse("INTEGER"), true))
                .isEqualTo("BIGINT values do not all fit in INTEGER (narrowing)");
        assertThat(Assignability.resultProblem(DuckType.parse("VARCHAR[][]"), DuckType.parse("INTEGER[][]"), false))
                .isEqualTo("element: element: VARCHAR is not INTEGER");
        assertThat(Assignability.resultProblem(
                        DuckType.parse("MAP(VARCHAR, DATE)"), DuckType.parse("MAP(VARCHAR, TIMESTAMP)"), false))
                .isEqualTo("value: DATE is not TIMESTAMP");
        assertThat(Assignability.resultProblem(
                        DuckType.parse("STRUCT(a INTEGER)"), DuckType.parse("STRUCT(\"b\" INTEGER)"), false))
                .isEqualTo("field \"b\" is missing from STRUCT(a INTEGER)");
    }

    /** parameter type (as rendered) | position type (as DuckDB infers it) | fit */
    @ParameterizedTest(name = "{0} where {1} goes: {2}")
    @CsvSource(delimiter = '|', textBlock = """
      INTEGER                  | INTEGER                  | FITS
      BIGINT                   | INTEGER                  | FITS
      DOUBLE                   | DECIMAL(18,4)            | FITS
      DECIMAL(38,10)           | BIGINT                   | FITS
      VARCHAR                  | INTEGER                  | MISMATCH
      INTEGER                  | VARCHAR                  | MISMATCH
      BIGINT                   | DATE                     | MISMATCH
      VARCHAR                  | ENUM                     | FITS
      VARCHAR                  | JSON                     | FITS
      VARCHAR                  | UUID                     | MISMATCH
      UUID                     | UUID                     | FITS
      BOOLEAN                  | INTEGER                  | MISMATCH
      DATE                     | DATE                     | FITS
      DATE                     | TIMESTAMP                | FITS
      DATE                     | TIMESTAMP WITH TIME ZONE | CONVERTS
      TIMESTAMP                | DATE                     | CONVERTS
      TIMESTAMPTZ              | TIMESTAMP                | CONVERTS
      TIMESTAMPTZ              | TIMESTAMP WITH TIME ZONE | FITS
      TIMESTAMP                | TIMESTAMP_NS             | FITS
      TIMESTAMPTZ              | TIME                     | MISMATCH
      TIME                     | TIME WITH TIME ZONE      | CONVERTS
      INTERVAL                 | INTERVAL                 | FITS
      VARCHAR[]                | VARCHAR[]                | FITS
      INTEGER[]                | BIGINT[]                 | FITS
      INTEGER[]                | VARCHAR[]                | MISMATCH
      VARCHAR[]                | VARCHAR                  | MISMATCH
      MAP(VARCHAR, BIGINT)     | MAP(VARCHAR, VARCHAR)    | MISMATCH
      VARCHAR                  | INVALID                  | FITS
      VARCHAR                  | UNKNOWN                  | FITS
      VARCHAR                  | "NULL"                   | FITS
      """)
    void parameters(String parameter, String position, Fit fit) {
        assertThat(Assignability.parameterFit(DuckType.parse(parameter), DuckType.parse(position)))
                .isEqualTo(fit);
    }

    @Test
    void javaTypesForFixes() {
        assertThat(Assignability.javaTypeFor(DuckType.parse("BIGINT"))).isEqualTo("long");
        assertThat(Assignability.javaTypeFor(DuckType.parse("DECIMAL(18,4)"))).isEqualTo("BigDecimal");
        assertThat(Assignability.javaTypeFor(DuckType.parse("INTEGER[]"))).isEqualTo("List<Integer>");
        assertThat(Assignability.javaTypeFor(DuckType.parse("MAP(VARCHAR, DOUBLE)")))
                .isEqualTo("Map<String, Double>");
        assertThat(Assignability.javaTypeFor(DuckType.parse("TIMESTAMP WITH TIME ZONE")))
                .isEqualTo("Instant (or OffsetDateTime)");
        assertThat(Assignability.javaTypeFor(DuckType.parse("GEOMETRY"))).isNull();
        assertThat(Assignability.simpleJavaType(
                        "java.util.Map<java.lang.String,java.util.List<java.lang.@NonNull " + "String>>"))
                .isEqualTo("Map<String,List<String>>");
        assertThat(Assignability.simpleJavaType("@org.jspecify.annotations.Nullable java.time.Instant"))
                .isEqualTo("Instant");
        assertThat(Assignability.simpleJavaType("byte[]")).isEqualTo("byte[]");
    }
}
