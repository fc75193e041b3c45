package dev.lakeside.mapping;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints the DDL of every table model on the classpath, for creating a schema by hand.
 *
 * <pre>
 * java -cp app.jar:lakeside-runtime.jar:lakeside-annotations.jar:jackson-core.jar \
 *     dev.lakeside.mapping.DdlExport [--catalog memory] [--schema main]
 * </pre>
 *
 * <p>Models come from {@link TableModels#all(ClassLoader)}, in that order, one statement per table
 * followed by {@code ;} and a blank line. Without options, names are printed as declared (what
 * {@code META-INF/lakeside/schema.sql} holds); {@code --catalog} and {@code --schema} qualify
 * the tables that declare none. Exit status 2 on a usage error.
 */
public final class DdlExport {
    private DdlExport() {}

    /** Runs the command; see the class documentation. */
    public static void main(String[] args) {
        int status = run(args, Thread.currentThread().getContextClassLoader(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, ClassLoader loader, PrintStream out, PrintStream err) {
        String catalog = null;
        String schema = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--catalog") || arg.equals("--schema")) && i + 1 < args.length && !args[i + 1].isEmpty()) {
                if (arg.equals("--catalog")) {
                    catalog = args[++i];
                } else {
                    schema = args[++i];
                }
            } else if (arg.equals("--help") || arg.equals("-h")) {
                out.println(usage());
                return 0;
            } else {
                err.println("unexpected argument '" + arg + "': expected --catalog NAME or --schema NAME\n" + usage());
                return 2;
            }
        }
        List<TableModel<?>> models = TableModels.all(loader);
        for (TableModel<?> model : models) {
            out.println(model.ddl(catalog, schema) + ";");
            out.println();
        }
        out.flush();
        return 0;
    }

    private static String usage() {
        return "usage: java -cp <classpath> dev.lakeside.mapping.DdlExport [--catalog NAME] [--schema NAME]";
    }
}
