package dev.lakeside.verifier;

import dev.lakeside.duckdb.DuckType;
import dev.lakeside.duckdb.DuckType.Kind;
import dev.lakeside.duckdb.EditDistance;
import dev.lakeside.processor.spi.CheckedQuery;
import dev.lakeside.processor.spi.Finding;
import dev.lakeside.processor.spi.QueryVerifier;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.duckdb.DuckDBDriver;

/**
 * One compilation's verification: one in-memory DuckDB, the tables added so far, and the checks of
 * {@link #verify}. Tables are created lazily, right before the next query, so that a two-part name
 * {@code "x"."t"} can be placed once every table is known: in catalog {@code x} when some table names
 * such a catalog, else in schema {@code memory.x}; DuckDB resolves {@code x.t} to either.
 */
final class DuckDbSession implements QueryVerifier.Session {
    /** The pinned DuckDB JDBC version (the parent pom's {@code duckdb.version}), for messages. */
    static final String DRIVER = "org.duckdb:duckdb_jdbc";

    private final Connection connection;
    private final String version;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final List<Table> pending = new ArrayList<>();
    /** Lower-cased catalog names, and "catalog.schema" names: only this session changes them. */
    private final Set<String> catalogs = new HashSet<>();

    private final Set<String> schemas = new HashSet<>();
    /** The defaults last set with USE, as "catalog.schema" (quoted). */
    private String current = "\"memory\".\"main\"";

    private boolean closed;

    private DuckDbSession(Connection connection, String version) {
        this.connection = connection;
        this.version = version;
    }

    /** A declared table: its name's parts (unquoted) and its DDL. */
    private record Table(List<String> parts, String ddl) {
        String display() {
            return parts.stream().map(DuckType::quote).collect(Collectors.joining("."));
        }
    }

    static DuckDbSession open() throws SQLException {
        Properties config = new Properties();
        config.setProperty("threads", "1");
        config.setProperty("memory_limit", "256MB");
        // Binding a query can read files (read_csv sniffs them) or fetch extensions: never at compile time.
        config.setProperty("enable_external_access", "false");
        config.setProperty("autoinstall_known_extensions", "false");
        config.setProperty("autoload_known_extensions", "false");
        Connection connection;
        try {
            // Not DriverManager: a processor class loader need not be visible to it.
            connection = new DuckDBDriver().connect("jdbc:duckdb:", config);
        } catch (SQLException | RuntimeException | LinkageError e) {
            throw new SQLException(
                    "DuckDB (" + DRIVER + ") cannot start on " + System.getProperty("os.name") + "/"
                            + System.getProperty("os.arch") + ": " + withRootCause(e)
                            + ". It extracts its native library into java.io.tmpdir ("
                            + System.getProperty("java.io.tmpdir")
                            + "), which must be writable and allow executing files",
                    e);
        }
        if (connection == null) {
            throw new SQLException("DuckDB (" + DRIVER + ") refused the URL jdbc:duckdb:");
        }
        String version;
        try {
            version = connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            version = "?";
        }
        DuckDbSession session = new DuckDbSession(connection, version);
        session.loadNamespaces();
        return session;
    }

    private void loadNamespaces() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT database_name, schema_name FROM duckdb_schemas()")) {
            while (rows.next()) {
                catalogs.add(rows.getString(1).toLowerCase(Locale.ROOT));
                schemas.add(key(rows.getString(1), rows.getString(2)));
            }
        }
    }

    private static String key(String catalog, String schema) {
        return catalog.toLowerCase(Locale.ROOT) + "\u0000" + schema.toLowerCase(Locale.ROOT);
    }

    @Override
    public void addTable(String qualifiedName, String ddl) {
        Objects.requireNonNull(qualifiedName, "qualifiedName == null");
        Objects.requireNonNull(ddl, "ddl == null");
        requireOpen();
        List<String> parts = nameParts(qualifiedName);
        String key = parts.stream().map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.joining("\u0000"));
        if (tables.containsKey(key)) {
            return;
        }
        if (SqlScanner.scan(ddl).statements() != 1) {
            throw new IllegalArgumentException("cannot add table " + qualifiedName + ": expected one CREATE TABLE "
                    + "statement, found " + SqlScanner.scan(ddl).statements() + " statements in: " + ddl);
        }
        Table table = new Table(parts, ddl);
        tables.put(key, table);
        pending.add(table);
    }

    @Override
    public List<Finding> verify(CheckedQuery query) throws SQLException {
        Objects.requireNonNull(query, "query == null");
        requireOpen();
        createPendingTables();
        try {
            return new Check(query).run();
        } catch (SQLException | RuntimeException e) {
            return List.of(new Finding(
                    Code.LS300.severity,
                    Code.LS300.name(),
                    "could not verify " + query.method()
                            + " (a failure of the verifier, not of the query): " + e
                            + ". Fix: none needed; please report it, "
                            + "or add @SkipVerification to this method to silence it",
                    false));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            // The in-memory database is gone either way.
        }
        deregisterDriver();
    }

    /**
     * DuckDBDriver registers itself with DriverManager when its class loads; from a processor class
     * loader that registration would pin the loader (and its 80 MB of classes and natives) for the life
     * of a build daemon. The application class loader is left alone: other code there may use the driver.
     */
    private static String withRootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + ", caused by " + root;
    }

    private static void deregisterDriver() {
        ClassLoader ours = DuckDBDriver.class.getClassLoader();
        if (ours == null || ours == ClassLoader.getSystemClassLoader()) {
            return;
        }
        try {
            for (Enumeration<Driver> drivers = DriverManager.getDrivers(); drivers.hasMoreElements(); ) {
                Driver driver = drivers.nextElement();
                if (driver.getClass().getClassLoader() == ours) {
                    DriverManager.deregisterDriver(driver);
                }
            }
        } catch (SQLException | SecurityException e) {
            // Best effort: a leak, not a failure.
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the verification session is closed");
        }
    }

    // ---- tables -----------------------------------------------------------------------------------------

    /** {@code "shop"."analytics"."page_view"}, {@code customers} → their unquoted parts. */
    static List<String> nameParts(String qualifiedName) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < qualifiedName.length(); i++) {
            char c = qualifiedName.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < qualifiedName.length() && qualifiedName.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    part.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == '.') {
                parts.add(finishPart(qualifiedName, part, wasQuoted));
                part.setLength(0);
                wasQuoted = false;
            } else if (!Character.isWhitespace(c)) {
                part.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(
                    "cannot read the table name " + qualifiedName + ": expected a closing '\"', found the end");
        }
        parts.add(finishPart(qualifiedName, part, wasQuoted));
        if (parts.size() > 3) {
            throw new IllegalArgumentException("cannot read the table name " + qualifiedName
                    + ": expected at most catalog.schema.table, found " + parts.size() + " parts");
        }
        return List.copyOf(parts);
    }

    private static String finishPart(String qualifiedName, StringBuilder part, boolean quoted) {
        if (part.length() == 0) {
            throw new IllegalArgumentException("cannot read the table name " + qualifiedName
                    + ": expected a name before or after each '.', found an empty part");
        }
        return quoted ? part.toString() : part.toString().toLowerCase(Locale.ROOT);
    }

    private void createPendingTables() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        List<Table> order = new ArrayList<>(pending);
        pending.clear();
        // Names resolve from the defaults: unqualified ones must land in memory.main.
        useDefaults(null, null);
        // Three-part names first: they decide which two-part prefixes are catalogs.
        order.sort((a, b) -> Integer.compare(b.parts().size(), a.parts().size()));
        for (Table table : order) {
            List<String> parts = table.parts();
            if (parts.size() == 3) {
                ensureSchema(parts.get(0), parts.get(1));
            } else if (parts.size() == 2 && !catalogExists(parts.get(0))) {
                ensureSchema("memory", parts.get(0));
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(table.ddl());
            } catch (SQLException e) {
                throw new SQLException(
                        "cannot create table " + table.display() + " for verification: "
                                + e.getMessage().lines().findFirst().orElse("") + ". Its DDL: " + table.ddl(),
                        e);
            }
        }
    }

    private boolean catalogExists(String catalog) {
        return catalogs.contains(catalog.toLowerCase(Locale.ROOT));
    }

    private boolean schemaExists(String catalog, String schema) {
        return schemas.contains(key(catalog, schema));
    }

    private void ensureCatalog(String catalog) throws SQLException {
        if (!catalogExists(catalog)) {
            execute("ATTACH ':memory:' AS " + DuckType.quote(catalog));
            catalogs.add(catalog.toLowerCase(Locale.ROOT));
            schemas.add(key(catalog, "main"));
        }
    }

    private void ensureSchema(String catalog, String schema) throws SQLException {
        ensureCatalog(catalog);
        if (!schemaExists(catalog, schema)) {
            execute("CREATE SCHEMA IF NOT EXISTS " + DuckType.quote(catalog) + "." + DuckType.quote(schema));
            schemas.add(key(catalog, schema));
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** {@code USE} the query's defaults, as the runtime sends them with the request. */
    private void useDefaults(String catalog, String schema) throws SQLException {
        String target;
        if (catalog != null && schema != null) {
            ensureSchema(catalog, schema);
            target = DuckType.quote(catalog) + "." + DuckType.quote(schema);
        } else if (catalog != null) {
            if (!catalogExists(catalog) && schemaExists("memory", catalog)) {
                target = "\"memory\"." + DuckType.quote(catalog);
            } else {
                ensureCatalog(catalog);
                target = DuckType.quote(catalog) + ".\"main\"";
            }
        } else if (schema != null) {
            if (!schemaExists("memory", schema) && catalogExists(schema)) {
                target = DuckType.quote(schema) + ".\"main\"";
            } else {
                ensureSchema("memory", schema);
                target = "\"memory\"." + DuckType.quote(schema);
            }
        } else {
            target = "\"memory\".\"main\"";
        }
        if (!target.equals(current)) {
            current = null;
            execute("USE " + target);
            current = target;
        }
    }

    // ---- one query ----------------------------------------------------------------------------------------

    /** A prepared statement's result columns and parameter types. */
    private record Prepared(List<String> names, List<DuckType> types, List<DuckType> parameters) {
        boolean typed() {
            return types.stream().noneMatch(t -> t.kind() == Kind.UNKNOWN);
        }
    }

    private final class Check {
        private final CheckedQuery query;
        private final SqlScanner scan;
        private final Map<String, CheckedQuery.Parameter> parameters = new HashMap<>();
        /** Distinct placeholder names in order of first use: {@code $name} becomes {@code $<index + 1>}. */
        private final List<String> order = new ArrayList<>();

        private final String display;
        private final List<Finding> findings = new ArrayList<>();

        Check(CheckedQuery query) {
            this.query = query;
            this.scan = SqlScanner.scan(query.sql());
            for (CheckedQuery.Parameter parameter : query.parameters()) {
                parameters.putIfAbsent(parameter.name(), parameter);
            }
            for (SqlScanner.Placeholder placeholder : scan.placeholders()) {
                if (!order.contains(placeholder.name())) {
                    order.add(placeholder.name());
                }
            }
            // The user wrote :name where the SQL has $name (same length): quote their text.
            StringBuilder shown = new StringBuilder(query.sql());
            if (query.userWritten()) {
                for (SqlScanner.Placeholder placeholder : scan.placeholders()) {
                    if (parameters.containsKey(placeholder.name())) {
                        shown.setCharAt(placeholder.offset(), ':');
                    }
                }
            }
            this.display = shown.toString();
        }

        List<Finding> run() throws SQLException {
            if (scan.statements() > 1) {
                add(
                        Code.LS306,
                        true,
                        query.method() + " runs " + scan.statements() + " statements; the verifier checks "
                                + "single statements only (preparing the first ones would execute them). Fix: none needed; "
                                + "split it into one method per statement to have each verified, or add @SkipVerification");
                return findings;
            }
            unknownPlaceholders();
            useDefaults(query.catalog(), query.schema());
            SqlScanner.Rewrite positional = scan.rewrite(p -> "$" + (order.indexOf(p.name()) + 1));
            Prepared first;
            try {
                first = prepare(positional.sql());
            } catch (SQLException e) {
                sqlError(e, positional, null);
                return findings;
            }
            boolean misfit = checkParameters(first);
            Prepared result = first;
            boolean needsTypes = first.parameters().stream().anyMatch(t -> t.kind() == Kind.UNKNOWN) || !first.typed();
            if (!order.isEmpty() && needsTypes && !misfit) {
                SqlScanner.Rewrite typed = typedPlaceholders();
                if (typed != null) {
                    try {
                        result = prepare(typed.sql());
                    } catch (SQLException e) {
                        sqlError(e, typed, typed);
                        result = null;
                    }
                }
            }
            if (result != null && result.typed()) {
                checkResult(result);
            }
            return findings;
        }

        private Prepared prepare(String sql) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                List<String> names = new ArrayList<>();
                List<DuckType> types = new ArrayList<>();
                ResultSetMetaData meta = statement.getMetaData();
                if (meta != null) {
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        names.add(meta.getColumnName(i));
                        types.add(DuckType.parseLenient(meta.getColumnTypeName(i)));
                    }
                }
                List<DuckType> parameterTypes = new ArrayList<>();
                ParameterMetaData parameterMeta = statement.getParameterMetaData();
                int count = parameterMeta == null ? 0 : parameterMeta.getParameterCount();
                for (int i = 1; i <= count; i++) {
                    String name;
                    try {
                        name = parameterMeta.getParameterTypeName(i);
                    } catch (SQLException e) {
                        name = "UNKNOWN";
                    }
                    DuckType type = DuckType.parseLenient(name == null ? "UNKNOWN" : name);
                    parameterTypes.add(type.kind() == Kind.OTHER ? DuckType.of(Kind.UNKNOWN) : type);
                }
                return new Prepared(names, types, parameterTypes);
            }
        }

        /** {@code $x} or {@code ?} that is no parameter: the runtime sends it as is, and the service has no value. */
        private void unknownPlaceholders() {
            Set<String> reported = new HashSet<>();
            for (SqlScanner.Placeholder placeholder : scan.placeholders()) {
                if (!parameters.containsKey(placeholder.name()) && reported.add(placeholder.name())) {
                    String name = placeholder.name();
                    String text = placeholder.text();
                    boolean javaName = !name.isEmpty() && Character.isJavaIdentifierStart(name.codePointAt(0));
                    add(
                            Code.LS307,
                            true,
                            text + " is not a parameter of " + query.method() + ": the HTTP API has no "
                                    + "bind parameters, so it would reach the service as is and fail there. Expected: "
                                    + (parameters.isEmpty()
                                            ? "no placeholders (the method has no parameters)"
                                            : "one of "
                                                    + parameters.keySet().stream()
                                                            .sorted()
                                                            .map(n -> (query.userWritten() ? ":" : "$") + n)
                                                            .collect(Collectors.joining(", ")))
                                    + "; found: " + text + "\n"
                                    + Excerpt.of(display, placeholder.offset(), text.length())
                                    + "\nFix: "
                                    + (javaName && query.userWritten()
                                            ? "write :" + name + " for a method parameter named " + name + ", or "
                                            : name.isEmpty() ? "write :name for a method parameter, or " : "")
                                    + "remove it");
                }
            }
        }

        /** Compares each parameter's Java side with the type DuckDB infers where it is used; true on an error. */
        private boolean checkParameters(Prepared prepared) {
            boolean misfit = false;
            for (int i = 0; i < order.size() && i < prepared.parameters().size(); i++) {
                CheckedQuery.Parameter parameter = parameters.get(order.get(i));
                if (parameter == null || parameter.duckType() == null) {
                    continue;
                }
                DuckType position = prepared.parameters().get(i);
                DuckType declared = DuckType.parseLenient(parameter.duckType());
                Assignability.Fit fit = Assignability.parameterFit(declared, position);
                if (fit == Assignability.Fit.FITS) {
                    continue;
                }
                SqlScanner.Placeholder first = firstUse(parameter.name());
                String name = (query.userWritten() ? ":" : "") + parameter.name();
                String javaType = Assignability.simpleJavaType(parameter.javaType());
                String suggestion = Assignability.javaTypeFor(position);
                String excerpt = first == null
                        ? ""
                        : "\n"
                                + Excerpt.of(
                                        display, first.offset(), first.name().length() + 1);
                if (fit == Assignability.Fit.MISMATCH) {
                    misfit = true;
                    add(
                            Code.LS320,
                            true,
                            "parameter " + name + " does not fit where the query uses it. Expected: a value "
                                    + "DuckDB can use as " + position.text() + "; found: " + javaType + " "
                                    + parameter.name()
                                    + ", rendered as " + declared.text() + excerpt + "\nFix: "
                                    + (suggestion == null ? "" : "declare the parameter as " + suggestion + ", or ")
                                    + "change the expression it is compared with");
                } else {
                    add(
                            Code.LS321,
                            true,
                            "parameter " + name + " is " + javaType + " (" + declared.text() + "), but DuckDB "
                                    + "expects " + position.text()
                                    + " here and converts it, which depends on the session time zone "
                                    + "or drops a part of the value" + excerpt + "\nFix: "
                                    + (suggestion == null ? "" : "declare the parameter as " + suggestion + ", or ")
                                    + "CAST explicitly in the query to show the conversion is intended");
                }
            }
            return misfit;
        }

        private SqlScanner.Placeholder firstUse(String name) {
            for (SqlScanner.Placeholder placeholder : scan.placeholders()) {
                if (placeholder.name().equals(name)) {
                    return placeholder;
                }
            }
            return null;
        }

        /** Each parameter as a NULL of the type the runtime renders it as, or null when a type is unknown. */
        private SqlScanner.Rewrite typedPlaceholders() {
            Map<String, String> casts = new HashMap<>();
            for (String name : order) {
                CheckedQuery.Parameter parameter = parameters.get(name);
                if (parameter == null) {
                    casts.put(name, "NULL");
                    continue;
                }
                String sql = parameter.duckType() == null
                        ? null
                        : Assignability.castText(DuckType.parseLenient(parameter.duckType()));
                if (sql == null) {
                    return null;
                }
                casts.put(name, "CAST(NULL AS " + sql + ")");
            }
            return scan.rewrite(p -> casts.get(p.name()));
        }

        /**
         * Reports DuckDB's refusal. {@code typed} is the rewrite with typed placeholders when the
         * refusal came from there (the query binds with untyped parameters), else null.
         */
        private void sqlError(SQLException e, SqlScanner.Rewrite rewrite, SqlScanner.Rewrite typed) {
            DuckDbError error = DuckDbError.parse(e.getMessage(), rewrite.sql());
            int offset = error.offset() < 0 ? -1 : rewrite.original(error.offset());
            int length = error.length();
            int span = error.offset() < 0 ? -1 : rewrite.spanAt(error.offset());
            if (span >= 0) {
                SqlScanner.Placeholder placeholder =
                        placeholderAt(rewrite.spans().get(span)[0]);
                length = placeholder == null ? 1 : placeholder.name().length() + 1;
            } else if (offset >= 0) {
                length = Math.min(length, rewrite.original(error.offset() + length) - offset);
            }
            String excerpt = Excerpt.of(display, offset, Math.max(1, length));
            String duck = (error.type().isEmpty() ? "" : error.type() + " Error: ") + error.text();
            String context = query.userWritten() ? "" : "the generated SQL of " + query.method() + ": ";
            if (typed != null) {
                add(
                        Code.LS322,
                        true,
                        context + "the query does not bind once the parameters have the types the runtime "
                                + "renders them as (" + parameterList() + "). DuckDB: " + duck + "\n" + excerpt
                                + "\nFix: change the parameters' Java types, or CAST them in the query");
                return;
            }
            Code code = classify(error);
            String fix = switch (code) {
                case LS301 -> "\nFix: correct the syntax (DuckDB " + version + " dialect)";
                case LS302 ->
                    "\nFix: correct the name. The verifier knows the tables of this compilation and those the "
                            + "processor adds from the classpath; for a table created elsewhere, add "
                            + "@SkipVerification(reason = \"…\") to the method";
                case LS303 -> "\nFix: correct the column or expression";
                case LS305 ->
                    "\nThe verifier never reads files or URLs and loads no extensions at compile time. Fix: "
                            + "none needed; add @SkipVerification(reason = \"…\") to silence this";
                default -> "";
            };
            add(code, true, context + duck + "\n" + excerpt + fix);
        }

        private SqlScanner.Placeholder placeholderAt(int offset) {
            for (SqlScanner.Placeholder placeholder : scan.placeholders()) {
                if (placeholder.offset() == offset) {
                    return placeholder;
                }
            }
            return null;
        }

        private String parameterList() {
            return order.stream()
                    .map(n -> {
                        CheckedQuery.Parameter p = parameters.get(n);
                        String shown = (query.userWritten() ? ":" : "") + n;
                        return p == null
                                ? shown + " as NULL"
                                : shown + " as " + Assignability.simpleJavaType(p.javaType()) + " → " + p.duckType();
                    })
                    .collect(Collectors.joining(", "));
        }

        private Code classify(DuckDbError error) {
            String type = error.type();
            String text = error.text().toLowerCase(Locale.ROOT);
            if (type.equals("Permission")
                    || type.equals("IO")
                    || type.equals("HTTP")
                    || (text.contains("extension") && (text.contains("install") || text.contains("load")))) {
                return Code.LS305;
            }
            return switch (type) {
                case "Parser", "Syntax" -> Code.LS301;
                case "Catalog" -> Code.LS302;
                case "Binder" -> Code.LS303;
                default -> Code.LS304;
            };
        }

        // ---- result ----

        private void checkResult(Prepared result) {
            CheckedQuery.Result expected = query.result();
            if (expected instanceof CheckedQuery.Rows rows) {
                checkRows(rows, result);
            } else if (expected instanceof CheckedQuery.Scalar scalar) {
                checkScalar(scalar, result);
            }
        }

        private void checkRows(CheckedQuery.Rows rows, Prepared result) {
            String record = simpleName(rows.record());
            Set<Integer> read = new HashSet<>();
            for (CheckedQuery.Component component : rows.components()) {
                int index = columnIndex(result.names(), component.column());
                String javaType = Assignability.simpleJavaType(component.javaType());
                if (index < 0) {
                    String closest = closest(component.column(), result.names());
                    add(
                            Code.LS310,
                            false,
                            "the query returns no column \"" + component.column() + "\" for component "
                                    + javaType + " " + component.name() + " of " + record
                                    + ". Expected: a column named \""
                                    + component.column() + "\"; found: " + columns(result, List.of())
                                    + (closest == null ? "" : ". Did you mean \"" + closest + "\"?")
                                    + "\nFix: name the column in the query (… AS " + DuckType.quote(component.column())
                                    + "), or rename the component");
                    continue;
                }
                read.add(index);
                List<Integer> same = sameName(result.names(), index);
                if (same.size() > 1) {
                    add(
                            Code.LS313,
                            false,
                            "the query returns " + same.size() + " columns named \""
                                    + result.names().get(index)
                                    + "\"; component " + component.name() + " of " + record + " reads the first ("
                                    + result.types().get(index).text()
                                    + ")\nFix: give the columns distinct names (… AS other_name)");
                    read.addAll(same);
                }
                checkType(
                        result.names().get(index),
                        result.types().get(index),
                        component.duckType(),
                        javaType,
                        component.primitive(),
                        "component " + javaType + " " + component.name() + " of " + record,
                        "the component");
            }
            List<Integer> unread = new ArrayList<>();
            for (int i = 0; i < result.names().size(); i++) {
                if (!read.contains(i)) {
                    unread.add(i);
                }
            }
            if (!unread.isEmpty()) {
                add(
                        Code.LS311,
                        false,
                        "no component of " + record + " reads " + (unread.size() == 1 ? "the column " : "the columns ")
                                + columns(result, unread) + "\nFix: remove " + (unread.size() == 1 ? "it" : "them")
                                + " from the SELECT list, or add components for "
                                + (unread.size() == 1 ? "it" : "them"));
            }
        }

        private void checkScalar(CheckedQuery.Scalar scalar, Prepared result) {
            if (result.names().isEmpty()) {
                return;
            }
            String javaType = Assignability.simpleJavaType(scalar.javaType());
            checkType(
                    result.names().get(0),
                    result.types().get(0),
                    scalar.duckType(),
                    javaType,
                    isPrimitive(scalar.javaType()),
                    "the return type " + javaType,
                    "the return type");
            if (result.names().size() > 1) {
                List<Integer> rest = new ArrayList<>();
                for (int i = 1; i < result.names().size(); i++) {
                    rest.add(i);
                }
                add(
                        Code.LS311,
                        false,
                        query.method() + " returns " + javaType + ", which reads only the first column \""
                                + result.names().get(0) + "\"; the query also returns " + columns(result, rest)
                                + "\nFix: return only one column");
            }
        }

        private void checkType(
                String column,
                DuckType type,
                String targetText,
                String javaType,
                boolean primitive,
                String target,
                String declare) {
            if (targetText == null) {
                return;
            }
            DuckType expected = DuckType.parseLenient(targetText);
            String problem = Assignability.resultProblem(type, expected, primitive);
            if (problem == null) {
                return;
            }
            String suggestion = Assignability.javaTypeFor(type);
            String cast = Assignability.castText(expected);
            if (Assignability.overflowOnly(type, expected)) {
                add(
                        Code.LS314,
                        false,
                        "column \"" + column + "\" is HUGEINT (DuckDB's sum() of integers is), read into "
                                + target
                                + ": it fails at run time only for values beyond 2^63-1\nFix: none needed if the values stay "
                                + "in range; to silence this, CAST the column AS BIGINT in the query, or declare "
                                + declare
                                + " as BigInteger");
                return;
            }
            add(
                    Code.LS312,
                    false,
                    "column \"" + column + "\" cannot be read into " + target + ". Expected: a column "
                            + javaType + " can hold (" + expected.text() + "); found: " + type.text() + " (" + problem
                            + ")"
                            + "\nFix: " + (suggestion == null ? "" : "declare " + declare + " as " + suggestion)
                            + (cast == null || type.kind() == Kind.NULL
                                    ? ""
                                    : (suggestion == null ? "" : ", or ") + "CAST the column AS " + cast
                                            + " in the query"));
        }

        private void add(Code code, boolean onQuery, String message) {
            findings.add(new Finding(code.severity, code.name(), message, onQuery && query.userWritten()));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** The reader's rule: the column with the exact name, else the first one equal ignoring case. */
    static int columnIndex(List<String> names, String column) {
        int exact = names.indexOf(column);
        if (exact >= 0) {
            return exact;
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Integer> sameName(List<String> names, int index) {
        List<Integer> same = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(names.get(index))) {
                same.add(i);
            }
        }
        return same;
    }

    private static String columns(Prepared result, List<Integer> which) {
        List<Integer> indexes = which.isEmpty() ? allIndexes(result.names().size()) : which;
        return indexes.stream()
                .map(i -> "\"" + result.names().get(i) + "\" "
                        + result.types().get(i).text())
                .collect(Collectors.joining(", "));
    }

    private static List<Integer> allIndexes(int size) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            all.add(i);
        }
        return Collections.unmodifiableList(all);
    }

    private static String closest(String name, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = EditDistance.between(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    private static boolean isPrimitive(String javaType) {
        return switch (javaType) {
            case "boolean", "byte", "short", "int", "long", "float", "double", "char" -> true;
            default -> false;
        };
    }
}
