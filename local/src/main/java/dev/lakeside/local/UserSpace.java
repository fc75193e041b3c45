package dev.lakeside.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * One user's isolated lakehouse: a DuckDB database of its own (in memory, or files under the data
 * directory), its catalogs, and a private directory for ingest files and DuckDB's spill files. Nothing
 * here is shared with another user.
 *
 * <p>With a data directory, a user's files are {@code <data-dir>/<user>/catalogs/<catalog>.duckdb}, and
 * {@code <data-dir>/<user>/catalogs.txt} lists the catalogs the server created. Only that list decides
 * what is attached at start, and it lies outside every directory the user's SQL may write to, so a file
 * a user writes (say with {@code COPY … TO}) is never opened as a database.
 */
final class UserSpace implements AutoCloseable {
    static final String DEFAULT_CATALOG = "memory";
    static final String DEFAULT_SCHEMA = "main";

    private final String name;
    private final DuckDBConnection root;
    private final Path home;
    private final Path catalogDir;
    private final Path tmp;
    private final Set<String> catalogs = ConcurrentHashMap.newKeySet();
    private final QueryLog queryLog = new QueryLog();
    private final QuerySessions querySessions = new QuerySessions(this);
    private final AppendTasks appendTasks = new AppendTasks(this);

    private UserSpace(String name, DuckDBConnection root, Path home, Path tmp) {
        this.name = name;
        this.root = root;
        this.home = home;
        this.catalogDir = home == null ? null : home.resolve(CATALOG_DIR);
        this.tmp = tmp;
        catalogs.add(DEFAULT_CATALOG);
    }

    private static final String CATALOG_DIR = "catalogs";
    private static final String CATALOG_LIST = "catalogs.txt";

    /** Opens (or, with a data directory, reopens) the database of {@code name}. */
    static UserSpace open(String name, Settings settings, Path tempRoot) throws SQLException, IOException {
        Path home = settings.dataDir() == null ? null : settings.dataDir().resolve(fileName(name));
        Path tmp = Files.createDirectories(tempRoot.resolve(fileName(name)));
        String url = "jdbc:duckdb:";
        if (home != null) {
            Path catalogDir = Files.createDirectories(home.resolve(CATALOG_DIR));
            moveEarlierLayout(home, catalogDir);
            url += catalogDir.resolve(DEFAULT_CATALOG + ".duckdb").toAbsolutePath();
        }
        Properties properties = new Properties();
        // Without it the driver buffers a whole result before returning its first row.
        properties.setProperty("jdbc_stream_results", "true");
        // The driver itself, not DriverManager: inside a build tool (mvn exec:java, a test runner) the
        // DriverManager may have been initialised by another class loader that cannot see DuckDB.
        DuckDBConnection root = (DuckDBConnection) new DuckDBDriver().connect(url, properties);
        UserSpace space = new UserSpace(name, root, home, tmp);
        try {
            space.configure(settings);
        } catch (SQLException | IOException | RuntimeException e) {
            space.close();
            throw e;
        }
        return space;
    }

    private void configure(Settings settings) throws SQLException, IOException {
        try (Statement s = root.createStatement()) {
            if (settings.threads() > 0) {
                s.execute("SET threads = " + settings.threads());
            }
            s.execute("SET memory_limit = " + Sql.string(settings.memoryPerUser() + "B"));
            s.execute("SET TimeZone = 'UTC'");
            s.execute("SET autoinstall_known_extensions = false");
            // DuckDB spills to ./.tmp by default, one directory for every database of the process.
            s.execute("SET temp_directory = "
                    + Sql.string(Files.createDirectories(tmp.resolve("spill")).toString()));
            // DuckDB's defaults name the server's home directory (~/.duckdb/…), which duckdb_settings() shows to users.
            s.execute("SET home_directory = "
                    + Sql.string(tmp.resolve("home").toAbsolutePath().toString()));
            s.execute("SET secret_directory = "
                    + Sql.string(tmp.resolve("secrets").toAbsolutePath().toString()));
            s.execute("SET extension_directory = "
                    + Sql.string(tmp.resolve("extensions").toAbsolutePath().toString()));
        }
        if (home != null) {
            for (String catalog : listedCatalogs()) {
                if (!catalog.equals(DEFAULT_CATALOG)) {
                    attach(catalog);
                }
            }
        }
        for (String catalog : settings.catalogs()) {
            ensureCatalog(catalog);
        }
        if (!settings.allowFileAccess()) {
            try (Statement s = root.createStatement()) {
                StringBuilder allowed =
                        new StringBuilder("SET allowed_directories = [").append(Sql.string(tmp.toAbsolutePath() + "/"));
                if (catalogDir != null) {
                    // Needed to attach catalogs created later; never the directory of the catalog list.
                    allowed.append(", ").append(Sql.string(catalogDir.toAbsolutePath() + "/"));
                }
                s.execute(allowed.append(']').toString());
                s.execute("SET enable_external_access = false");
            }
        }
    }

    String name() {
        return name;
    }

    /**
     * A new connection to this user's database, with its own session state ({@code USE}, session
     * settings, transactions). The caller closes it.
     */
    Connection connect() throws SQLException {
        return root.duplicate();
    }

    /** The log of this user's {@code /query} requests. */
    QueryLog queryLog() {
        return queryLog;
    }

    /** This user's {@code /query} sessions. */
    QuerySessions querySessions() {
        return querySessions;
    }

    /** Creates the catalog on first use: an in-memory database, or a file under the data directory. */
    void ensureCatalog(String catalog) throws SQLException {
        if (catalogs.contains(catalog)) {
            return;
        }
        synchronized (catalogs) {
            if (catalogs.contains(catalog)) {
                return;
            }
            try (Statement s = root.createStatement();
                    ResultSet rs = s.executeQuery("SELECT database_name FROM duckdb_databases()")) {
                while (rs.next()) {
                    catalogs.add(rs.getString(1));
                }
            }
            if (!catalogs.contains(catalog)) {
                attach(catalog);
            }
        }
    }

    /** Creates the catalog that a {@code CREATE SCHEMA c.s} or {@code CREATE TABLE c.s.t} names. */
    void ensureCatalogFor(String statement) throws SQLException {
        var catalog = CatalogScanner.catalogCreatedBy(statement);
        if (catalog.isPresent()) {
            ensureCatalog(catalog.get());
        }
    }

    private void attach(String catalog) throws SQLException {
        String target = ":memory:";
        if (catalogDir != null) {
            Path file = catalogDir.resolve(fileName(catalog) + ".duckdb").toAbsolutePath();
            try {
                if (!listedCatalogs().contains(catalog)) {
                    // Not a catalog of ours: whatever lies there was written by the user's SQL, not by DuckDB for us.
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(Path.of(file + ".wal"));
                    Files.writeString(
                            home.resolve(CATALOG_LIST),
                            fileName(catalog) + "\n",
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record catalog " + catalog + " of user " + name, e);
            }
            target = file.toString();
        }
        try (Statement s = root.createStatement()) {
            s.execute("ATTACH IF NOT EXISTS " + Sql.string(target) + " AS " + Sql.ident(catalog));
        }
        catalogs.add(catalog);
    }

    /** The catalogs the server created for this user, from the list it keeps beside their files. */
    private List<String> listedCatalogs() {
        Path list = home.resolve(CATALOG_LIST);
        try {
            return !Files.exists(list)
                    ? List.of()
                    : Files.readAllLines(list, StandardCharsets.UTF_8).stream()
                            .map(String::strip)
                            .filter(line -> !line.isEmpty())
                            .map(UserSpace::catalogName)
                            .distinct()
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalog list of user " + name, e);
        }
    }

    /** Moves the catalog files of the first layout ({@code <user>/<catalog>.duckdb}) to where they are kept now. */
    private static void moveEarlierLayout(Path home, Path catalogDir) throws IOException {
        Path list = home.resolve(CATALOG_LIST);
        if (Files.exists(list)) {
            return;
        }
        StringBuilder names = new StringBuilder();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(home, "*.duckdb")) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                Files.move(file, catalogDir.resolve(fileName));
                Path wal = Path.of(file + ".wal");
                if (Files.exists(wal)) {
                    Files.move(wal, catalogDir.resolve(fileName + ".wal"));
                }
                names.append(fileName, 0, fileName.length() - ".duckdb".length())
                        .append('\n');
            }
        }
        Files.writeString(list, names.toString(), StandardCharsets.UTF_8);
    }

    /** A fresh path in this user's private temporary directory; the caller deletes the file. */
    Path tempFile(String suffix) {
        return tmp.resolve("ingest-" + UUID.randomUUID() + suffix);
    }

    /** The {@code /append} task queues and task log of this user. */
    AppendTasks appendTasks() {
        return appendTasks;
    }

    @Override
    public void close() {
        // Pending append tasks finish before the checkpoint; new ones are refused from here on.
        appendTasks.close();
        querySessions.close();
        try {
            if (home != null && !root.isClosed()) {
                try (Statement s = root.createStatement()) {
                    for (String catalog : catalogs) {
                        if (!catalog.equals("system") && !catalog.equals("temp")) {
                            try {
                                s.execute("CHECKPOINT " + Sql.ident(catalog));
                            } catch (SQLException e) {
                                // a catalog the user detached, or an in-memory one: nothing to checkpoint
                            }
                        }
                    }
                }
            }
            root.close();
        } catch (SQLException e) {
            throw new IllegalStateException("could not close the database of user " + name, e);
        } finally {
            deleteTree(tmp);
        }
    }

    /** A user or catalog name as a portable file name: letters, digits, {@code -} and {@code _} kept, the rest %XX. */
    static String fileName(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        if (out.length() == 0) {
            throw ApiException.badRequest("a user or catalog name must not be empty");
        }
        return out.toString();
    }

    static String catalogName(String fileName) {
        return URLDecoder.decode(fileName.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // temporary files only; the OS cleans its temp directory
        }
    }
}
