package dev.lakeside.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.mapping.TableColumn;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import dev.lakeside.processor.records.EveryType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated DDL, executed on a real DuckDB, gives exactly the declared columns. */
class DuckDbDdlTest {
    private static Connection duckdb;

    @BeforeAll
    static void createEveryTable() throws SQLException {
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duckdb.createStatement()) {
            s.execute("SET threads = " + Integer.getInteger("lakeside.test.threads", 2));
            s.execute("ATTACH ':memory:' AS shop");
            s.execute("CREATE SCHEMA shop.analytics");
            for (TableModel<?> model : TableModels.all(DuckDbDdlTest.class.getClassLoader())) {
                s.execute(model.ddl("memory", "main"));
            }
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    @Test
    void everyTypeHasTheDocumentedDuckDbTypes() throws SQLException {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("id", "BIGINT NOT NULL");
        expected.put("flag", "BOOLEAN NOT NULL");
        expected.put("tiny", "TINYINT NOT NULL");
        expected.put("small", "SMALLINT NOT NULL");
        expected.put("integer", "INTEGER NOT NULL");
        expected.put("big", "BIGINT NOT NULL");
        expected.put("real", "FLOAT NOT NULL");
        expected.put("dbl", "DOUBLE NOT NULL");
        expected.put("boxed_flag", "BOOLEAN");
        expected.put("boxed_tiny", "TINYINT");
        expected.put("boxed_small", "SMALLINT");
        expected.put("boxed_int", "INTEGER");
        expected.put("boxed_long", "BIGINT");
        expected.put("boxed_real", "FLOAT");
        expected.put("boxed_double", "DOUBLE");
        expected.put("huge", "HUGEINT");
        expected.put("decimal", "DECIMAL(38,10)");
        expected.put("money", "DECIMAL(18,4)");
        expected.put("text", "VARCHAR");
        expected.put("required_text", "VARCHAR NOT NULL");
        expected.put("also_required", "VARCHAR NOT NULL");
        expected.put("json", "JSON");
        expected.put("uuid", "UUID");
        expected.put("instant", "TIMESTAMP WITH TIME ZONE");
        expected.put("offset_date_time", "TIMESTAMP WITH TIME ZONE");
        expected.put("date", "DATE");
        expected.put("time", "TIME");
        expected.put("timestamp", "TIMESTAMP");
        expected.put("interval", "INTERVAL");
        expected.put("blob", "BLOB");
        expected.put("color", "VARCHAR");
        expected.put("tags", "VARCHAR[]");
        expected.put("numbers", "INTEGER[]");
        expected.put("matrix", "BIGINT[][]");
        expected.put("scores", "MAP(VARCHAR, DOUBLE)");
        expected.put("address", "STRUCT(street VARCHAR, zip INTEGER, lines VARCHAR[], color VARCHAR)");
        expected.put("addresses", "STRUCT(street VARCHAR, zip INTEGER, lines VARCHAR[], color VARCHAR)[]");
        expected.put("event_id", "UUID");
        expected.put("renamed", "VARCHAR");

        assertThat(columnsInDuckDb("memory", "main", "every_type")).containsExactlyEntriesOf(expected);
    }

    @Test
    void everyModelOnTheClasspathMatchesItsColumnMetadata() throws SQLException {
        List<TableModel<?>> models = TableModels.all(DuckDbDdlTest.class.getClassLoader());
        assertThat(models)
                .extracting(m -> m.type().getSimpleName())
                .contains("EveryType", "PageView", "Customer", "Acronyms");
        for (TableModel<?> model : models) {
            Map<String, String> declared = new LinkedHashMap<>();
            for (TableColumn column : model.columns()) {
                declared.put(column.name(), canonical(column.type()) + (column.nullable() ? "" : " NOT NULL"));
            }
            assertThat(columnsInDuckDb(
                            model.catalog().orElse("memory"), model.schema().orElse("main"), model.name()))
                    .as(model.qualifiedName())
                    .containsExactlyEntriesOf(declared);
            assertThat(primaryKey(
                            model.catalog().orElse("memory"), model.schema().orElse("main"), model.name()))
                    .as(model.qualifiedName())
                    .isEqualTo(model.primaryKey());
        }
    }

    /** How DuckDB spells a type we declare (it prints aliases canonically and quotes only reserved names). */
    private static String canonical(String declared) throws SQLException {
        try (Statement s = duckdb.createStatement();
                ResultSet rs = s.executeQuery("SELECT typeof(CAST(NULL AS " + declared + "))")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Map<String, String> columnsInDuckDb(String catalog, String schema, String table)
            throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement s = duckdb.prepareStatement("SELECT column_name, data_type, is_nullable "
                + "FROM information_schema.columns WHERE table_catalog = ? AND table_schema = ? AND table_name = ? "
                + "ORDER BY ordinal_position")) {
            s.setString(1, catalog);
            s.setString(2, schema);
            s.setString(3, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.put(
                            rs.getString(1), rs.getString(2) + (rs.getString(3).equals("NO") ? " NOT NULL" : ""));
                }
            }
        }
        return columns;
    }

    private static List<String> primaryKey(String catalog, String schema, String table) throws SQLException {
        List<String> key = new ArrayList<>();
        try (PreparedStatement s = duckdb.prepareStatement(
                "SELECT constraint_column_names FROM duckdb_constraints() "
                        + "WHERE database_name = ? AND schema_name = ? AND table_name = ? AND constraint_type = 'PRIMARY KEY'")) {
            s.setString(1, catalog);
            s.setString(2, schema);
            s.setString(3, table);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    for (Object name : (Object[]) rs.getArray(1).getArray()) {
                        key.add(String.valueOf(name));
                    }
                }
            }
        }
        return key;
    }

    @Test
    void everyTypeModelIsFound() {
        assertThat(TableModels.of(EveryType.class).name()).isEqualTo("every_type");
    }
}
