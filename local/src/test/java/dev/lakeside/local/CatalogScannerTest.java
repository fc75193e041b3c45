package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogScannerTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "CREATE SCHEMA shop.analytics | shop",
                "create schema if not exists \"My Shop\".\"a\" | My Shop",
                "CREATE TABLE shop.analytics.page_view (a INT) | shop",
                "-- comment\\nCREATE OR REPLACE TABLE \"c\"\"x\".s.t AS SELECT 1 | c\"x",
                "CREATE VIEW c.s.v AS SELECT 1 | c",
                "CREATE TABLE IF NOT EXISTS c.s.t (a INT) | c",
                "CREATE TABLE s.t (a INT) | -",
                "CREATE SCHEMA analytics | -",
                "CREATE TEMP TABLE c.s.t (a INT) | -",
                "SELECT * FROM c.s.t | -",
                "CREATE INDEX i ON c.s.t (a) | -",
            })
    void findsTheCatalogACreateStatementNames(String statement, String catalog) {
        assertThat(CatalogScanner.catalogCreatedBy(statement.replace("\\n", "\n"))
                        .orElse(null))
                .isEqualTo(catalog);
    }
}
