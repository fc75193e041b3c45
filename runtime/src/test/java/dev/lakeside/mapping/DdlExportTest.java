package dev.lakeside.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DdlExportTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return DdlExport.run(args, getClass().getClassLoader(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void printsEveryModelAsDeclared_inStableOrder() {
    assertThat(run()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
        "CREATE TABLE IF NOT EXISTS \"a_table\" (\n  \"x\" INTEGER\n);\n\n"
            + "CREATE TABLE IF NOT EXISTS \"z\".\"s\".\"b_table\" (\n  \"x\" INTEGER\n);\n\n");
  }

  @Test
  void defaultsQualifyOnlyTablesThatDeclareNone() {
    assertThat(run("--catalog", "memory", "--schema", "main")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("CREATE TABLE IF NOT EXISTS \"memory\".\"main\".\"a_table\"")
        .contains("CREATE TABLE IF NOT EXISTS \"z\".\"s\".\"b_table\"");
  }

  @Test
  void unknownArgument_isAUsageError() {
    assertThat(run("--catalog")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("unexpected argument '--catalog': expected --catalog "
        + "NAME or --schema NAME\nusage: java -cp <classpath> dev.lakeside.mapping.DdlExport");
    assertThat(out.size()).isZero();
  }
}
