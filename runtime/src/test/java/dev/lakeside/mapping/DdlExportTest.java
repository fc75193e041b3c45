package dev.lakeside.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The usage error, which needs no table model; printing generated models is the integration module's
 * DdlExportTest (through main, as run is package-private).
 */
class DdlExportTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DdlExport.run(
                args,
                getClass().getClassLoader(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void unknownArgument_isAUsageError() {
        assertThat(run("--catalog")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("unexpected argument '--catalog': expected --catalog "
                        + "NAME or --schema NAME\nusage: java -cp <classpath> dev.lakeside.mapping.DdlExport");
        assertThat(out.size()).isZero();
    }
}
