package dev.lakeside.spring.boot;

import dev.lakeside.track.Confirmation;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code lakeside.*} properties. Without {@code lakeside.url}, and with {@code lakeside-local} on the class
 * path, an in-process local lakehouse is started; otherwise the client targets {@code lakeside.url} (default: the
 * Altertable service) with the credentials given here or in the {@code ALTERTABLE_*} environment variables.
 */
@ConfigurationProperties("lakeside")
public class LakesideProperties {
    /** Base URL of the lakehouse API. Unset: an in-process local lakehouse when lakeside-local is present. */
    private URI url;

    /** User name for basic authentication (with {@code password}). */
    private String username;

    /** Password for basic authentication. Never logged. */
    private String password;

    /** A basic-auth token, {@code base64(user:password)}, instead of username and password. Never logged. */
    private String token;

    /** Catalog of records that declare none. */
    private String catalog = "memory";

    /** Schema of records that declare none. */
    private String schema = "main";

    /** What to do with the tables of the generated index when the application starts. */
    private SchemaAction schemaAction = SchemaAction.NONE;

    private final Tracker tracker = new Tracker();

    private final Local local = new Local();

    private final Health health = new Health();

    /** The {@code lakeside} health indicator. */
    public static class Health {
        /** How long the probe query may take before the lakehouse counts as down. */
        private Duration timeout = Duration.ofSeconds(2);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** What happens to the indexed tables at startup. */
    public enum SchemaAction {
        /** Create missing tables and add missing columns. */
        CREATE,
        /** Check that every table matches its record; fail the startup otherwise. */
        VALIDATE,
        /** Nothing. */
        NONE
    }

    /** What the tracker does when its queue is full. */
    public enum FullPolicyName {
        /** Refuse the new record. */
        DROP_NEWEST,
        /** Drop the oldest queued rows to make room. */
        DROP_OLDEST,
        /** Wait up to {@code lakeside.tracker.full-wait} for room, then refuse the new record. */
        BLOCK
    }

    /** The tracker's options; unset ones keep the tracker's defaults. */
    public static class Tracker {
        /** Rows per /append request, at most. */
        private Integer maxBatchRows;

        /** Bytes per /append request, at most. */
        private DataSize maxBatchBytes;

        /** How long a row may wait for more rows before its batch is sent. */
        private Duration linger;

        /** Memory the queued rows may take. */
        private DataSize maxQueueBytes;

        /** What {@code track} does when the queue is full. */
        private FullPolicyName fullPolicy;

        /** How long {@code track} waits for room under the BLOCK policy. */
        private Duration fullWait = Duration.ofMillis(100);

        /** How long a row may take to be delivered, retries included, before it is dead-lettered. */
        private Duration deliveryTimeout;

        /** SYNC (each append waits until the rows are stored; the default) or POLL_TASKS. */
        private Confirmation confirmation;

        /** A disk spool that keeps accepted rows through a crash. */
        private final Spool spool = new Spool();

        /** Where rows given up are written, for Tracker.replayDeadLetters. */
        private Path deadLetterDirectory;

        public Integer getMaxBatchRows() {
            return maxBatchRows;
        }

        public void setMaxBatchRows(Integer maxBatchRows) {
            this.maxBatchRows = maxBatchRows;
        }

        public DataSize getMaxBatchBytes() {
            return maxBatchBytes;
        }

        public void setMaxBatchBytes(DataSize maxBatchBytes) {
            this.maxBatchBytes = maxBatchBytes;
        }

        public Duration getLinger() {
            return linger;
        }

        public void setLinger(Duration linger) {
            this.linger = linger;
        }

        public DataSize getMaxQueueBytes() {
            return maxQueueBytes;
        }

        public void setMaxQueueBytes(DataSize maxQueueBytes) {
            this.maxQueueBytes = maxQueueBytes;
        }

        public FullPolicyName getFullPolicy() {
            return fullPolicy;
        }

        public void setFullPolicy(FullPolicyName fullPolicy) {
            this.fullPolicy = fullPolicy;
        }

        public Duration getFullWait() {
            return fullWait;
        }

        public void setFullWait(Duration fullWait) {
            this.fullWait = fullWait;
        }

        public Duration getDeliveryTimeout() {
            return deliveryTimeout;
        }

        public void setDeliveryTimeout(Duration deliveryTimeout) {
            this.deliveryTimeout = deliveryTimeout;
        }

        public Confirmation getConfirmation() {
            return confirmation;
        }

        public void setConfirmation(Confirmation confirmation) {
            this.confirmation = confirmation;
        }

        public Spool getSpool() {
            return spool;
        }

        public Path getDeadLetterDirectory() {
            return deadLetterDirectory;
        }

        public void setDeadLetterDirectory(Path deadLetterDirectory) {
            this.deadLetterDirectory = deadLetterDirectory;
        }
    }

    /** When the spool forces rows to the disk. */
    public enum SyncName {
        /** Before each {@code track} returns: a machine failure loses nothing accepted. */
        ALWAYS,
        /** Every {@code lakeside.tracker.spool.sync-interval} (group commit): a machine failure loses that interval. */
        INTERVAL,
        /** When the kernel decides (and on close). */
        OS
    }

    /** A disk spool for accepted rows, on when {@code directory} is set; unset options keep the spool's defaults. */
    public static class Spool {
        /** Where accepted rows are kept until stored; one application instance per directory. */
        private Path directory;

        /** When rows are forced to the disk. */
        private SyncName sync;

        /** The group-commit interval of the INTERVAL sync. */
        private Duration syncInterval = Duration.ofMillis(100);

        /** Disk used by the spool's segment files, at most. */
        private DataSize maxBytes;

        /** Size of each segment file. */
        private DataSize segmentBytes;

        public Path getDirectory() {
            return directory;
        }

        public void setDirectory(Path directory) {
            this.directory = directory;
        }

        public SyncName getSync() {
            return sync;
        }

        public void setSync(SyncName sync) {
            this.sync = sync;
        }

        public Duration getSyncInterval() {
            return syncInterval;
        }

        public void setSyncInterval(Duration syncInterval) {
            this.syncInterval = syncInterval;
        }

        public DataSize getMaxBytes() {
            return maxBytes;
        }

        public void setMaxBytes(DataSize maxBytes) {
            this.maxBytes = maxBytes;
        }

        public DataSize getSegmentBytes() {
            return segmentBytes;
        }

        public void setSegmentBytes(DataSize segmentBytes) {
            this.segmentBytes = segmentBytes;
        }
    }

    /** The in-process local lakehouse started when no URL is set. */
    public static class Local {
        /** Whether to start one when {@code lakeside.url} is unset and lakeside-local is on the class path. */
        private boolean enabled = true;

        /** Its port; 0 picks a free one. */
        private int port;

        /** DuckDB threads per query. */
        private int threads = 2;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }
    }

    public URI getUrl() {
        return url;
    }

    public void setUrl(URI url) {
        this.url = url;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getCatalog() {
        return catalog;
    }

    public void setCatalog(String catalog) {
        this.catalog = catalog;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public SchemaAction getSchemaAction() {
        return schemaAction;
    }

    public void setSchemaAction(SchemaAction schemaAction) {
        this.schemaAction = schemaAction;
    }

    public Tracker getTracker() {
        return tracker;
    }

    public Local getLocal() {
        return local;
    }

    public Health getHealth() {
        return health;
    }

    /** The settings, with the password and token masked. */
    @Override
    public String toString() {
        return "LakesideProperties{url=" + url + ", username=" + username + ", password="
                + (password == null ? "null" : "******") + ", token=" + (token == null ? "null" : "******")
                + ", catalog=" + catalog + ", schema=" + schema + ", schemaAction=" + schemaAction + "}";
    }
}
