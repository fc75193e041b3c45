package dev.lakeside.verifier;

import dev.lakeside.processor.spi.CheckedQuery;
import dev.lakeside.processor.spi.CheckedQuery.Component;
import dev.lakeside.processor.spi.CheckedQuery.Parameter;
import dev.lakeside.processor.spi.Finding;
import dev.lakeside.processor.spi.QueryVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The tables and query shapes the SPI-level tests verify against, written as the processor emits them. */
final class Queries {
    private Queries() {}

    static final String PAGE_VIEW = "\"shop\".\"analytics\".\"page_view\"";
    static final String PAGE_VIEW_DDL = "CREATE TABLE IF NOT EXISTS \"shop\".\"analytics\".\"page_view\" (\n"
            + "  \"event_id\" UUID,\n"
            + "  \"user_id\" VARCHAR,\n"
            + "  \"path\" VARCHAR,\n"
            + "  \"occurred_at\" TIMESTAMPTZ,\n"
            + "  \"duration_ms\" INTEGER NOT NULL,\n"
            + "  \"referrer\" VARCHAR,\n"
            + "  \"local_time\" TIMESTAMP,\n"
            + "  \"day\" DATE,\n"
            + "  \"tags\" VARCHAR[],\n"
            + "  \"scores\" MAP(VARCHAR, DOUBLE),\n"
            + "  \"address\" STRUCT(\"street\" VARCHAR, \"zip\" INTEGER)\n"
            + ")";
    static final String CUSTOMERS = "\"customers\"";
    static final String CUSTOMERS_DDL = "CREATE TABLE IF NOT EXISTS \"customers\" (\n"
            + "  \"id\" VARCHAR NOT NULL,\n"
            + "  \"email\" VARCHAR,\n"
            + "  \"lifetime_value\" DECIMAL(18,4),\n"
            + "  \"payload\" JSON,\n"
            + "  PRIMARY KEY (\"id\")\n"
            + ")";
    /** A two-part name whose first part is no catalog: the schema {@code memory.billing}. */
    static final String INVOICES = "\"billing\".\"invoices\"";

    static final String INVOICES_DDL =
            "CREATE TABLE IF NOT EXISTS \"billing\".\"invoices\" (\"number\" BIGINT NOT NULL)";
    /** A two-part name whose first part is a catalog (of page_view): {@code shop.main.orders}. */
    static final String ORDERS = "\"shop\".\"orders\"";

    static final String ORDERS_DDL = "CREATE TABLE IF NOT EXISTS \"shop\".\"orders\" (\"order_id\" BIGINT NOT NULL)";

    static QueryVerifier.Session openWithTables() throws Exception {
        QueryVerifier.Session session = new DuckDbQueryVerifier().open(Map.of());
        // Two-part names first: the session must still see that "shop" is a catalog.
        session.addTable(ORDERS, ORDERS_DDL);
        session.addTable(INVOICES, INVOICES_DDL);
        session.addTable(PAGE_VIEW, PAGE_VIEW_DDL);
        session.addTable(CUSTOMERS, CUSTOMERS_DDL);
        return session;
    }

    static Component component(String name, String javaType, String duckType) {
        return new Component(name, snake(name), javaType, duckType, isPrimitive(javaType));
    }

    static CheckedQuery.Rows rows(String record, Component... components) {
        return new CheckedQuery.Rows("com.example." + record, List.of(components));
    }

    static Parameter parameter(String name, String javaType, String duckType) {
        return new Parameter(name, javaType, duckType);
    }

    /** A {@code @Query} of repository {@code PageViews} (defaults: the entity's shop.analytics). */
    static CheckedQuery pageViewQuery(String sql, CheckedQuery.Result result, Parameter... parameters) {
        return new CheckedQuery(
                "PageViews.query", dollars(sql), true, "shop", "analytics", List.of(parameters), result);
    }

    /** {@code :name} → {@code $name}, as the processor hands {@code @Query} text over (same offsets). */
    static String dollars(String sql) {
        return sql.replaceAll("(?<![:\\w]):(?=[a-zA-Z])", "\\$");
    }

    static List<String> codes(List<Finding> findings) {
        List<String> codes = new ArrayList<>();
        findings.forEach(f -> codes.add(f.code()));
        return codes;
    }

    private static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isPrimitive(String javaType) {
        return List.of("boolean", "byte", "short", "int", "long", "float", "double")
                .contains(javaType);
    }
}
