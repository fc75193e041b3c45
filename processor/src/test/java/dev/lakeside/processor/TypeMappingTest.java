package dev.lakeside.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.ClassName;
import dev.lakeside.mapping.TableColumn;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import dev.lakeside.processor.records.Acronyms;
import dev.lakeside.processor.records.EveryType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The documented type mapping (processor/README.md), table-driven, plus naming and whole-table DDL. */
class TypeMappingTest {
    private static final TableModel<EveryType> EVERY_TYPE = TableModels.of(EveryType.class);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
      id               | BIGINT         | false | true
      flag             | BOOLEAN        | false | false
      tiny             | TINYINT        | false | false
      small            | SMALLINT       | false | false
      integer          | INTEGER        | false | false
      big              | BIGINT         | false | false
      real             | REAL           | false | false
      dbl              | DOUBLE         | false | false
      boxed_flag       | BOOLEAN        | true  | false
      boxed_tiny       | TINYINT        | true  | false
      boxed_small      | SMALLINT       | true  | false
      boxed_int        | INTEGER        | true  | false
      boxed_long       | BIGINT         | true  | false
      boxed_real       | REAL           | true  | false
      boxed_double     | DOUBLE         | true  | false
      huge             | HUGEINT        | true  | false
      decimal          | DECIMAL(38,10) | true  | false
      money            | DECIMAL(18,4)  | true  | false
      text             | VARCHAR        | true  | false
      required_text    | VARCHAR        | false | false
      also_required    | VARCHAR        | false | false
      json             | JSON           | true  | false
      uuid             | UUID           | true  | false
      instant          | TIMESTAMPTZ    | true  | false
      offset_date_time | TIMESTAMPTZ    | true  | false
      date             | DATE           | true  | false
      time             | TIME           | true  | false
      timestamp        | TIMESTAMP      | true  | false
      interval         | INTERVAL       | true  | false
      blob             | BLOB           | true  | false
      color            | VARCHAR        | true  | false
      tags             | VARCHAR[]      | true  | false
      numbers          | INTEGER[]      | true  | false
      matrix           | BIGINT[][]     | true  | false
      scores           | MAP(VARCHAR, DOUBLE) | true | false
      address          | STRUCT("street" VARCHAR, "zip" INTEGER, "lines" VARCHAR[], "color" VARCHAR) | true | false
      addresses        | STRUCT("street" VARCHAR, "zip" INTEGER, "lines" VARCHAR[], "color" VARCHAR)[] | true | false
      event_id         | UUID           | true  | false
      renamed          | VARCHAR        | true  | false
      """)
    void columnType(String column, String sqlType, boolean nullable, boolean primaryKey) {
        TableColumn actual = EVERY_TYPE.columns().stream()
                .filter(c -> c.name().equals(column))
                .findFirst()
                .orElseThrow();
        assertThat(actual).isEqualTo(new TableColumn(column, actual.component(), sqlType, nullable, primaryKey));
    }

    @Test
    void columnsNameTheirComponents() {
        assertThat(EVERY_TYPE.columns())
                .extracting(TableColumn::component)
                .containsExactly(java.util.Arrays.stream(EveryType.class.getRecordComponents())
                        .map(java.lang.reflect.RecordComponent::getName)
                        .toArray(String[]::new));
        assertThat(EVERY_TYPE.columns().get(38))
                .isEqualTo(new TableColumn("renamed", "original", "VARCHAR", true, false));
    }

    @Test
    void everyComponentIsAColumn_inComponentOrder() {
        assertThat(EVERY_TYPE.columns()).hasSize(EveryType.class.getRecordComponents().length);
        assertThat(EVERY_TYPE.columns().get(0).name()).isEqualTo("id");
        assertThat(EVERY_TYPE.columns().get(38).name()).isEqualTo("renamed");
        assertThat(EVERY_TYPE.primaryKey()).containsExactly("id");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
      userId       | user_id
      userID       | user_id
      HTTPCode     | http_code
      address2Line | address2_line
      PageView     | page_view
      URL          | url
      x            | x
      already_snake| already_snake
      getHTTPResponseCode | get_http_response_code
      v2Beta       | v2_beta
      """)
    void snakeCase(String javaName, String column) {
        assertThat(Naming.snakeCase(javaName)).isEqualTo(column);
    }

    @Test
    void acronymsStayTogether_inGeneratedColumns() {
        assertThat(TableModels.of(Acronyms.class).columns())
                .extracting(TableColumn::name)
                .containsExactly("http_code", "user_id", "address2_line", "url");
        assertThat(TableModels.of(Acronyms.class).name()).isEqualTo("acronyms");
    }

    @Test
    void wholeTableDdl_fromTheModelAlone() {
        ValueType.StructType point = new ValueType.StructType(
                ClassName.get("geo", "Point"),
                List.of(
                        new ValueType.Field("lat", "lat", new ValueType.Scalar(ScalarType.DOUBLE, true), true),
                        new ValueType.Field(
                                "label", "la\"bel", new ValueType.Scalar(ScalarType.VARCHAR, false), false)));
        TableDef table = new TableDef(
                ClassName.get("geo", "Visit"),
                ClassName.get("geo", "VisitTableModel"),
                Optional.of("my \"lake\""),
                Optional.empty(),
                "visits",
                List.of(
                        new TableDef.ColumnDef(
                                "day", "day", new ValueType.Scalar(ScalarType.DATE, false), false, true, false),
                        new TableDef.ColumnDef(
                                "region",
                                "order",
                                new ValueType.EnumType(ClassName.get("geo", "Region")),
                                false,
                                true,
                                false),
                        new TableDef.ColumnDef(
                                "where", "where", new ValueType.ListType(point, false), true, false, false),
                        new TableDef.ColumnDef(
                                "attrs",
                                "attrs",
                                new ValueType.MapType(new ValueType.Decimal(9, 2)),
                                true,
                                false,
                                false)));
        assertThat(DdlGenerator.ddl(table)).isEqualTo("""
        CREATE TABLE IF NOT EXISTS "my ""lake""\"."visits" (
          "day" DATE NOT NULL,
          "order" VARCHAR NOT NULL,
          "where" STRUCT("lat" DOUBLE, "la""bel" VARCHAR)[],
          "attrs" MAP(VARCHAR, DECIMAL(9,2)),
          PRIMARY KEY ("day", "order")
        )""");
    }

    @Test
    void generatedDdlQualifiesWithDefaultsOnlyWhereNothingIsDeclared() {
        assertThat(EVERY_TYPE.ddl())
                .startsWith("CREATE TABLE IF NOT EXISTS \"every_type\" (\n  \"id\" BIGINT NOT NULL,\n");
        assertThat(EVERY_TYPE.ddl("memory", "main"))
                .startsWith("CREATE TABLE IF NOT EXISTS \"memory\".\"main\".\"every_type\" (");
        TableModel<?> pageView = TableModels.of(dev.lakeside.processor.records.PageView.class);
        assertThat(pageView.ddl("memory", "main"))
                .isEqualTo(pageView.ddl())
                .startsWith("CREATE TABLE IF NOT EXISTS \"shop\".\"analytics\".\"page_view\" (");
    }
}
