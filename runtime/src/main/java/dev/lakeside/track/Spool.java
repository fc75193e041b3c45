package dev.lakeside.track;

import dev.lakeside.client.TableRef;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The tracker's write-ahead log: accepted rows appended to memory-mapped, preallocated segment files, each
 * entry checksummed; a segment is deleted once every row in it is resolved (stored or given up).
 *
 * <p>A segment file is a 16-byte header (a magic number and the segment's sequence number, written when it
 * becomes the one appended to; 0 in a spare never used) and entries of a 12-byte header (magic {@code LS},
 * type, a zero byte, payload length, CRC-32C of the header's first 8 bytes and the payload) and a payload.
 * A table entry ({@code id, catalog, schema, table, record type}) precedes the first row of that table in
 * each segment, so that every segment reads on its own; a row entry is a table id and the row's JSON. An
 * acknowledgement entry (a table id, a segment's number and a count) says that the first {@code count} rows
 * of that table in that segment are resolved: a restart replays the rest only.
 *
 * <p>Rows of a table are appended in the order of its queue, and the tracker resolves a table's sent rows
 * in that order, so a count is enough; rows it drops to make room are resolved out of order and never
 * counted (a restart may send them after all). Counts name segments by number, which does not follow the
 * append order, so a restart never reuses a number an acknowledgement names; and a segment with an intact row
 * after a corrupt stretch has its counts ignored, since the rows read no longer line up with them. A row given
 * up whose dead letter cannot be written stays pending while later ones resolve: its table's count in its
 * segment then stops ({@link #hold}).
 *
 * <p>Appends are serialized by one lock and write the entry's magic last, so a process killed mid-write
 * leaves at most one torn entry, at the tail. Forcing and unmapping happen under a second lock, on the
 * spool's thread, except that {@link SyncPolicy#always()} forces on the caller.
 */
final class Spool {
    private static final System.Logger LOG = System.getLogger("dev.lakeside.track.Tracker");
    private static final long FILE_MAGIC = 0x4C4B53504F4F4C31L; // "LKSPOOL1"
    static final int FILE_HEADER = 16;
    private static final short ENTRY_MAGIC = 0x4C53; // "LS"
    private static final byte TABLE = 1;
    private static final byte ROW = 2;
    private static final byte ACK = 3;
    static final int ENTRY_HEADER = 12;
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".lks";
    private static final long RETRY_CREATE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Method INVOKE_CLEANER;
    private static final Object UNSAFE;

    static {
        Object unsafe = null;
        Method cleaner = null;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            cleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // unmapping is left to the garbage collector
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = cleaner;
    }

    /** The real paths of the directories spools of this JVM have open. */
    private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    /** Returned by {@link #append} when the spool holds {@code maxBytes}. */
    static final Segment FULL = new Segment(-1, null, 0, null);
    /** Returned by {@link #append} when a segment cannot be created; see {@link #failure()}. */
    static final Segment FAILED = new Segment(-2, null, 0, null);

    /** Receives each row found on start, in segment order. */
    interface Replay {
        void row(TableRef table, String type, byte[] json, Segment segment);
    }

    /** One segment file. */
    static final class Segment {
        final long counter;
        final Path file;
        final int capacity;
        /** Mapped for writing; null once unmapped. Guarded by {@code syncLock}. */
        MappedByteBuffer buffer;
        /** Append lock. */
        int position = FILE_HEADER;
        /** Append lock. */
        final Map<TableRef, Integer> tableIds = new HashMap<>();
        /** Append lock: per table, how many of its first rows here are resolved in order. */
        final Map<TableRef, Integer> acknowledged = new HashMap<>();
        /** Append lock: tables with a row here that stays pending out of order: their count stops. */
        final Set<TableRef> held = new HashSet<>();
        /** The end of the last complete entry. */
        volatile int written = FILE_HEADER;
        /** Guarded by {@code syncLock}. */
        int forced;

        final AtomicInteger unresolved = new AtomicInteger();
        /** Rows of this segment in a table's queue, not yet in a batch: the ones dropping can resolve. */
        final AtomicInteger queued = new AtomicInteger();

        volatile boolean sealed;
        final AtomicBoolean freed = new AtomicBoolean();

        Segment(long counter, Path file, int capacity, MappedByteBuffer buffer) {
            this.counter = counter;
            this.file = file;
            this.capacity = capacity;
            this.buffer = buffer;
        }

        @Override
        public String toString() {
            return file == null
                    ? "Segment{" + counter + "}"
                    : file.getFileName().toString();
        }
    }

    private final SpoolConfig config;
    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** The directory's real path, in {@link #OPEN_IN_THIS_JVM} until closed. */
    private final Path key;

    private final ScheduledThreadPoolExecutor worker;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final Condition space = appendLock.newCondition();
    private final Object syncLock = new Object();
    private final CRC32C crc = new CRC32C();
    private final byte[] scratch = new byte[8];
    private final byte[] ackBody = new byte[12];
    private final Map<TableRef, byte[]> tablePayloads = new ConcurrentHashMap<>();
    private final AtomicInteger liveSegments = new AtomicInteger();
    private final int maxSegments;
    private final List<Segment> mapped = new ArrayList<>();
    private final ConcurrentLinkedDeque<Segment> live = new ConcurrentLinkedDeque<>();
    private SpoolRecovery recovery;

    private Segment current;
    private Segment spare;
    private boolean preparing;
    private long nextCounter;
    private long nextSequence;
    private volatile IOException failure;
    private long retryCreateAt;
    private boolean closed;

    private Spool(SpoolConfig config, FileChannel lockChannel, FileLock lock, Path key) {
        this.config = config;
        this.key = key;
        this.directory = config.directory();
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.maxSegments = (int) Math.min(Integer.MAX_VALUE, config.maxBytes() / config.segmentBytes());
        this.worker = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "lakeside-spool");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Locks {@code config.directory()} (creating it if needed), hands every row of the segments left there to
     * {@code replay}, and starts appending to a new segment.
     *
     * @throws SpoolException if the directory cannot be created or locked, or is locked by another process
     */
    static Spool open(SpoolConfig config, Replay replay) {
        Path directory = config.directory();
        Path key;
        try {
            Files.createDirectories(directory);
            key = directory.toRealPath();
        } catch (IOException e) {
            throw new SpoolException(directory, "cannot create the spool directory " + directory + ": " + e, e);
        }
        // Checked before the lock file is opened: closing a second channel on it would release this JVM's lock
        // (POSIX record locks belong to the process), letting another process in.
        if (!OPEN_IN_THIS_JVM.add(key)) {
            throw new SpoolException(
                    directory, "the spool directory " + directory + " is in use by another tracker in this JVM", null);
        }
        boolean opened = false;
        try {
            Spool spool = open(config, replay, key);
            opened = true;
            return spool;
        } finally {
            if (!opened) {
                OPEN_IN_THIS_JVM.remove(key);
            }
        }
    }

    private static Spool open(SpoolConfig config, Replay replay, Path key) {
        Path directory = config.directory();
        Path lockFile = directory.resolve("lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new SpoolException(directory, "cannot write in the spool directory " + directory + ": " + e, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new SpoolException(
                    directory, "the spool directory " + directory + " is in use by another tracker in this JVM", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new SpoolException(directory, "cannot lock the spool directory " + directory + ": " + e, e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new SpoolException(
                    directory,
                    "the spool directory " + directory + " is in use by another process (it holds " + lockFile + ")",
                    null);
        }
        Spool spool = new Spool(config, channel, lock, key);
        try {
            return spool.start(replay);
        } catch (IOException | RuntimeException e) {
            spool.worker.shutdownNow();
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(channel);
            if (e instanceof SpoolException spoolException) {
                throw spoolException;
            }
            throw new SpoolException(directory, "cannot read the spool directory " + directory + ": " + e, e);
        }
    }

    private Spool start(Replay replay) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            stream.forEach(files::add);
        }
        long maxCounter = 0;
        List<Segment> found = new ArrayList<>();
        Map<Segment, Long> sequences = new HashMap<>();
        SpoolReader reader = new SpoolReader();
        for (Path file : files) {
            long counter = counterOf(file);
            maxCounter = Math.max(maxCounter, counter);
            long sequence = reader.sequence(file);
            if (sequence == 0) {
                Files.deleteIfExists(file); // a spare that was never appended to
            } else if (sequence < 0) {
                reader.corruptFile(file);
                Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                LOG.log(System.Logger.Level.WARNING, "spool file " + file + " has no valid header; moved to " + aside);
            } else {
                Segment segment = new Segment(counter, file, config.segmentBytes(), null);
                segment.sealed = true;
                found.add(segment);
                sequences.put(segment, sequence);
            }
        }
        found.sort(Comparator.comparing(sequences::get));
        long maxSequence = 0;
        for (Segment segment : found) {
            maxSequence = Math.max(maxSequence, sequences.get(segment));
            reader.read(segment);
        }
        reader.replay((table, type, json, segment) -> {
            tablePayload(table, type); // acknowledgements of these rows name their table
            replay.row(table, type, json, segment);
        });
        recovery = reader.recovery();
        // Numbers are not in append order (a roll may create a segment while the spare is being prepared), so an
        // acknowledgement left here may name a deleted segment numbered above every file: never reuse its number.
        nextCounter = Math.max(maxCounter, reader.maxAcknowledgedCounter()) + 1;
        nextSequence = maxSequence + 1;
        liveSegments.set(found.size());
        live.addAll(found);
        for (Segment segment : found) {
            freeIfDone(segment);
        }
        if (config.sync().kind() == SyncPolicy.Kind.INTERVAL) {
            long every = config.sync().interval().toNanos();
            worker.scheduleWithFixedDelay(this::syncAll, every, every, TimeUnit.NANOSECONDS);
        }
        worker.execute(this::prepareSpare);
        return this;
    }

    /** What the spool found and replayed when it opened. */
    SpoolRecovery recovery() {
        return recovery;
    }

    /** Why the latest segment could not be created, or null when appends work. */
    IOException failure() {
        return failure;
    }

    Path directory() {
        return directory;
    }

    /**
     * Appends a row and returns its segment (force it first under {@link SyncPolicy#always()}); {@link #FULL}
     * when the spool holds {@code maxBytes}, {@link #FAILED} when no segment can be created.
     */
    Segment append(TableRef table, String type, byte[] json) {
        return append(table, type, json, segment -> {});
    }

    /**
     * {@link #append(TableRef, String, byte[])}, calling {@code enqueue} with the segment before the next append
     * can start, so that a table's queue has its rows in the spool's order.
     */
    Segment append(TableRef table, String type, byte[] json, Consumer<Segment> enqueue) {
        Segment segment;
        int end;
        appendLock.lock();
        try {
            if (closed) {
                return FAILED;
            }
            segment = current;
            Integer tableId = segment == null ? null : segment.tableIds.get(table);
            int need = ENTRY_HEADER + 2 + json.length;
            if (tableId == null) {
                need += ENTRY_HEADER + 2 + tablePayload(table, type).length;
            }
            if (segment == null || segment.position + need > segment.capacity) {
                segment = roll(ENTRY_HEADER * 2 + 4 + json.length + tablePayload(table, type).length);
                if (segment == FULL || segment == FAILED) {
                    return segment;
                }
                tableId = null;
            }
            if (tableId == null) {
                tableId = segment.tableIds.size();
                segment.tableIds.put(table, tableId);
                writeEntry(segment, TABLE, tableId, tablePayload(table, type));
            }
            writeEntry(segment, ROW, tableId, json);
            segment.unresolved.incrementAndGet();
            end = segment.position;
            segment.written = end;
            enqueue.accept(segment);
        } finally {
            appendLock.unlock();
        }
        if (config.sync().kind() == SyncPolicy.Kind.ALWAYS) {
            force(segment, end);
        }
        return segment;
    }

    /** Tells that one row of {@code segment} was dropped: the segment is deleted after its last row is resolved. */
    void resolved(Segment segment) {
        if (segment.unresolved.decrementAndGet() == 0) {
            freeIfDone(segment);
        }
    }

    /**
     * Tells that the next {@code rows} rows of {@code table} in {@code segment}, in order, are stored or given up
     * for good, and writes an acknowledgement of them.
     */
    void acknowledged(Segment segment, TableRef table, int rows) {
        appendLock.lock();
        try {
            // A held table has a row before these that stays pending: a count would cover it, so none is written
            // and a restart replays the rest too (duplicates, not losses).
            if (!segment.held.contains(table)) {
                writeAcknowledgement(segment, table, segment.acknowledged.merge(table, rows, Integer::sum));
            }
        } finally {
            appendLock.unlock();
        }
        if (segment.unresolved.addAndGet(-rows) == 0) {
            freeIfDone(segment);
        }
    }

    /** Append lock: writes that the first {@code count} rows of {@code table} in {@code segment} are resolved. */
    private void writeAcknowledgement(Segment segment, TableRef table, int count) {
        Segment target = current;
        byte[] tablePayload = tablePayloads.get(table);
        int most = ENTRY_HEADER * 2 + 4 + 12 + tablePayload.length;
        if (!closed && (target == null || target.position + most > target.capacity)) {
            target = roll(most);
        }
        // Without a segment to write in, skip it: the next acknowledgement of this table and segment has the count.
        if (target != FULL && target != FAILED && target != null) {
            Integer tableId = target.tableIds.get(table);
            if (tableId == null) {
                tableId = target.tableIds.size();
                target.tableIds.put(table, tableId);
                writeEntry(target, TABLE, tableId, tablePayload);
            }
            ByteBuffer.wrap(ackBody).putLong(0, segment.counter).putInt(8, count);
            writeEntry(target, ACK, tableId, ackBody);
            target.written = target.position;
        }
    }

    /**
     * Tells that the next row of {@code table} in {@code segment}, in order, stays pending although later ones
     * may be resolved (its dead letter could not be written): no acknowledgement of that table in that segment
     * is written from now on, so that a restart replays it.
     */
    void hold(Segment segment, TableRef table) {
        appendLock.lock();
        try {
            segment.held.add(table);
        } finally {
            appendLock.unlock();
        }
    }

    /** The oldest segment not yet deleted, or null. */
    Segment oldest() {
        return live.peekFirst();
    }

    /** Waits up to {@code nanos} for a segment to be deleted; false when it timed out. */
    boolean awaitSpace(long nanos) throws InterruptedException {
        appendLock.lock();
        try {
            return space.awaitNanos(nanos) > 0;
        } finally {
            appendLock.unlock();
        }
    }

    /** Forces what is written, unmaps, deletes the segments fully resolved and releases the lock. */
    void close() {
        Segment last;
        Segment unused;
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            last = current;
            unused = spare;
            current = null;
            spare = null;
        } finally {
            appendLock.unlock();
        }
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (syncLock) {
            for (Segment segment : new ArrayList<>(mapped)) {
                forceAndUnmap(segment, true);
            }
        }
        if (unused != null) {
            delete(unused);
        }
        if (last != null) {
            last.sealed = true;
            freeIfDone(last);
        }
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(lockChannel);
        OPEN_IN_THIS_JVM.remove(key);
    }

    private Segment roll(int need) {
        if (need > config.segmentBytes() - FILE_HEADER) {
            return FAILED; // larger than a segment: TrackerConfig refuses such a configuration
        }
        Segment next = spare;
        spare = null;
        if (next == null) {
            if (failure != null && System.nanoTime() - retryCreateAt < 0) {
                return FAILED;
            }
            if (liveSegments.get() >= maxSegments) {
                return FULL;
            }
            liveSegments.incrementAndGet();
            try {
                next = create(nextCounter++);
            } catch (IOException e) {
                liveSegments.decrementAndGet();
                failed(e);
                return FAILED;
            }
        }
        failure = null;
        next.buffer.putLong(8, nextSequence++);
        Segment old = current;
        current = next;
        live.add(next);
        if (old != null) {
            old.sealed = true;
            freeIfDone(old);
            submit(() -> {
                synchronized (syncLock) {
                    forceAndUnmap(old, config.sync().kind() != SyncPolicy.Kind.OS);
                }
            });
        }
        submit(this::prepareSpare);
        return next;
    }

    private void failed(IOException e) {
        boolean first = failure == null;
        failure = e;
        retryCreateAt = System.nanoTime() + RETRY_CREATE_NANOS;
        if (first) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "cannot create a segment in the spool directory " + directory + "; refusing rows until it can: "
                            + e);
        }
    }

    /** Spool thread: keeps one preallocated segment ready, so that a roll never waits for the disk. */
    private void prepareSpare() {
        long counter;
        appendLock.lock();
        try {
            // The last free segment is left to roll(): a spare still being made there would make a roll that needs
            // it now find the spool full.
            if (closed || spare != null || preparing || liveSegments.get() >= maxSegments - 1) {
                return;
            }
            preparing = true;
            liveSegments.incrementAndGet();
            counter = nextCounter++;
        } finally {
            appendLock.unlock();
        }
        Segment created = null;
        IOException error = null;
        try {
            created = create(counter);
        } catch (IOException e) {
            error = e;
        }
        appendLock.lock();
        try {
            preparing = false;
            if (created == null) {
                liveSegments.decrementAndGet();
                failed(error);
            } else if (closed) {
                delete(created);
            } else {
                spare = created;
            }
        } finally {
            appendLock.unlock();
        }
    }

    private Segment create(long counter) throws IOException {
        Path file = directory.resolve(String.format("%s%019d%s", PREFIX, counter, SUFFIX));
        int size = config.segmentBytes();
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // Write every block now: a sparse file would fault on a full disk inside a mapped write.
            ByteBuffer zeros = ByteBuffer.allocateDirect(64 << 10);
            long at = 0;
            while (at < size) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                at += channel.write(zeros, at);
            }
            channel.force(true);
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            buffer.putLong(0, FILE_MAGIC);
            Segment segment = new Segment(counter, file, size, buffer);
            synchronized (syncLock) {
                mapped.add(segment);
            }
            return segment;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the directory itself is failing
            }
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    private byte[] tablePayload(TableRef table, String type) {
        byte[] payload = tablePayloads.get(table);
        if (payload == null) {
            List<byte[]> parts = new ArrayList<>();
            int size = 0;
            for (String part : new String[] {table.catalog(), table.schema(), table.table(), type}) {
                byte[] bytes = part == null ? null : part.getBytes(StandardCharsets.UTF_8);
                parts.add(bytes);
                size += 4 + (bytes == null ? 0 : bytes.length);
            }
            ByteBuffer buffer = ByteBuffer.allocate(size);
            for (byte[] bytes : parts) {
                buffer.putInt(bytes == null ? -1 : bytes.length);
                if (bytes != null) {
                    buffer.put(bytes);
                }
            }
            payload = buffer.array();
            tablePayloads.put(table, payload);
        }
        return payload;
    }

    /** Append lock: writes an entry, its magic last, and advances the position. */
    private void writeEntry(Segment segment, byte type, int tableId, byte[] body) {
        MappedByteBuffer buffer = segment.buffer;
        int at = segment.position;
        int length = 2 + body.length;
        scratch[0] = (byte) (ENTRY_MAGIC >>> 8);
        scratch[1] = (byte) ENTRY_MAGIC;
        scratch[2] = type;
        scratch[3] = 0;
        scratch[4] = (byte) (length >>> 24);
        scratch[5] = (byte) (length >>> 16);
        scratch[6] = (byte) (length >>> 8);
        scratch[7] = (byte) length;
        crc.reset();
        crc.update(scratch, 0, 8);
        crc.update(tableId >>> 8);
        crc.update(tableId);
        crc.update(body, 0, body.length);
        buffer.putShort(at + ENTRY_HEADER, (short) tableId);
        buffer.put(at + ENTRY_HEADER + 2, body, 0, body.length);
        buffer.putInt(at + 4, length);
        buffer.putInt(at + 8, (int) crc.getValue());
        buffer.put(at + 3, (byte) 0);
        buffer.put(at + 2, type);
        buffer.putShort(at, ENTRY_MAGIC);
        segment.position = at + ENTRY_HEADER + length;
    }

    /** {@link SyncPolicy#always()}: forces {@code segment} through {@code end}; concurrent callers share a sync. */
    private void force(Segment segment, int end) {
        synchronized (syncLock) {
            if (segment.forced >= end || segment.buffer == null) {
                return;
            }
            int upTo = segment.written;
            segment.buffer.force(segment.forced, upTo - segment.forced);
            segment.forced = upTo;
        }
    }

    /** Spool thread, {@link SyncPolicy#every}: forces what every mapped segment has written since. */
    private void syncAll() {
        try {
            syncMapped();
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: log, and keep syncing.
            LOG.log(System.Logger.Level.ERROR, "cannot sync the spool " + directory + ": " + e);
        }
    }

    private void syncMapped() {
        synchronized (syncLock) {
            for (Segment segment : mapped) {
                int upTo = segment.written;
                if (upTo > segment.forced && segment.buffer != null) {
                    segment.buffer.force(segment.forced, upTo - segment.forced);
                    segment.forced = upTo;
                }
            }
        }
    }

    /** Under {@code syncLock}: a sealed segment takes no more writes, so its mapping can go. */
    private void forceAndUnmap(Segment segment, boolean force) {
        MappedByteBuffer buffer = segment.buffer;
        if (buffer == null) {
            return;
        }
        int upTo = segment.written;
        if (force && upTo > segment.forced) {
            buffer.force(segment.forced, upTo - segment.forced);
            segment.forced = upTo;
        }
        segment.buffer = null;
        mapped.remove(segment);
        unmap(buffer);
    }

    /** Deletes a sealed segment whose rows are all resolved; its room counts as free at once. */
    private void freeIfDone(Segment segment) {
        if (!segment.sealed || segment.unresolved.get() != 0 || !segment.freed.compareAndSet(false, true)) {
            return;
        }
        live.remove(segment);
        release();
        if (!submit(() -> deleteFile(segment))) {
            deleteFile(segment);
        }
    }

    /** Deletes a spare that was never appended to. */
    private void delete(Segment spare) {
        deleteFile(spare);
        release();
    }

    private void release() {
        liveSegments.decrementAndGet();
        appendLock.lock();
        try {
            space.signalAll();
        } finally {
            appendLock.unlock();
        }
    }

    private void deleteFile(Segment segment) {
        synchronized (syncLock) {
            forceAndUnmap(segment, false);
        }
        try {
            Files.deleteIfExists(segment.file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete the spool segment " + segment.file + ": " + e);
        }
    }

    private boolean submit(Runnable task) {
        try {
            worker.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    static void unmap(ByteBuffer buffer) {
        if (INVOKE_CLEANER != null && buffer.isDirect()) {
            try {
                INVOKE_CLEANER.invoke(UNSAFE, buffer);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // left to the garbage collector
            }
        }
    }

    private static long counterOf(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Reads segment files left by an earlier process. */
    private static final class SpoolReader {
        private int segments;
        private long rows;
        private int corruptRegions;
        private long skippedBytes;
        private final CRC32C crc = new CRC32C();
        private final List<Segment> read = new ArrayList<>();
        private final Map<Segment, List<Found>> rowsOf = new HashMap<>();
        /** The largest acknowledged count per segment number and table. */
        private final Map<Long, Map<TableRef, Integer>> acknowledged = new HashMap<>();
        /** Segments with an intact row after a corrupt stretch: their counts may not match the rows read. */
        private final Set<Segment> shifted = new HashSet<>();

        private record Found(TableRef table, String type, byte[] json) {}

        SpoolRecovery recovery() {
            return new SpoolRecovery(segments, rows, corruptRegions, skippedBytes);
        }

        /** The largest segment number an acknowledgement names, or 0. */
        long maxAcknowledgedCounter() {
            long max = 0;
            for (long counter : acknowledged.keySet()) {
                max = Math.max(max, counter);
            }
            return max;
        }

        /** The sequence number in the header; 0 for a spare never appended to; -1 when the header is not ours. */
        long sequence(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer header = ByteBuffer.allocate(FILE_HEADER);
                while (header.hasRemaining() && channel.read(header) >= 0) {
                    // read the header fully
                }
                boolean blank = true;
                for (int i = 0; i < header.position(); i++) {
                    blank &= header.get(i) == 0;
                }
                if (blank) {
                    return 0; // a spare cut short while it was being preallocated
                }
                if (header.hasRemaining() || header.getLong(0) != FILE_MAGIC) {
                    return -1;
                }
                return Math.max(0, header.getLong(8));
            }
        }

        void corruptFile(Path file) throws IOException {
            corruptRegions++;
            skippedBytes += Files.size(file);
        }

        /** Hands every row no acknowledgement covers to {@code replay}, segment by segment, in order. */
        void replay(Replay replay) {
            for (Segment segment : read) {
                // A corrupt stretch before an intact row may have held rows the counts include: counting the rows
                // read would then skip rows never acknowledged, so replay them all (duplicates, not losses).
                Map<TableRef, Integer> acked =
                        shifted.contains(segment) ? Map.of() : acknowledged.getOrDefault(segment.counter, Map.of());
                Map<TableRef, Integer> seen = new HashMap<>();
                for (Found row : rowsOf.get(segment)) {
                    int index = seen.merge(row.table(), 1, Integer::sum) - 1;
                    int skip = acked.getOrDefault(row.table(), 0);
                    if (index < skip) {
                        continue;
                    }
                    segment.acknowledged.putIfAbsent(row.table(), skip);
                    rows++;
                    segment.unresolved.incrementAndGet();
                    replay.row(row.table(), row.type(), row.json(), segment);
                }
            }
        }

        void read(Segment segment) throws IOException {
            segments++;
            read.add(segment);
            MappedByteBuffer buffer;
            try (FileChannel channel = FileChannel.open(segment.file, StandardOpenOption.READ)) {
                buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            }
            try {
                rowsOf.put(segment, read(buffer, segment));
            } finally {
                unmap(buffer);
            }
        }

        private List<Found> read(ByteBuffer buffer, Segment segment) {
            List<Found> found = new ArrayList<>();
            int corruptBefore = corruptRegions;
            Map<Integer, String[]> tables = new HashMap<>();
            int limit = buffer.limit();
            int pos = FILE_HEADER;
            int corruptFrom = -1;
            int garbageEnd = -1;
            while (pos < limit) {
                int length = entryAt(buffer, pos, limit);
                if (length >= 0) {
                    if (corruptFrom >= 0) {
                        region(garbageEnd - corruptFrom);
                        corruptFrom = -1;
                    }
                    int tableId = buffer.getShort(pos + ENTRY_HEADER) & 0xFFFF;
                    byte[] body = new byte[length - 2];
                    buffer.get(pos + ENTRY_HEADER + 2, body);
                    byte type = buffer.get(pos + 2);
                    String[] table = type == TABLE ? strings(body) : tables.get(tableId);
                    TableRef ref = table == null ? null : tableRef(table);
                    if (ref == null) {
                        // a table entry that does not parse, or a row whose table entry was in a corrupt stretch
                        region(ENTRY_HEADER + length);
                    } else if (type == TABLE) {
                        tables.put(tableId, table);
                    } else if (type == ROW) {
                        if (corruptRegions > corruptBefore) {
                            shifted.add(segment);
                        }
                        found.add(new Found(ref, table[3], body));
                    } else if (body.length == 12) {
                        ByteBuffer ack = ByteBuffer.wrap(body);
                        acknowledged
                                .computeIfAbsent(ack.getLong(0), counter -> new HashMap<>())
                                .merge(ref, ack.getInt(8), Math::max);
                    }
                    pos += ENTRY_HEADER + length;
                    continue;
                }
                if (buffer.get(pos) == 0) {
                    while (pos + 8 <= limit && buffer.getLong(pos) == 0) {
                        pos += 8;
                    }
                    while (pos < limit && buffer.get(pos) == 0) {
                        pos++;
                    }
                    continue;
                }
                if (corruptFrom < 0) {
                    corruptFrom = pos;
                }
                pos++;
                garbageEnd = pos;
            }
            if (corruptFrom >= 0) {
                region(garbageEnd - corruptFrom);
            }
            return found;
        }

        private void region(long bytes) {
            corruptRegions++;
            skippedBytes += bytes;
        }

        /** The payload length of a valid entry at {@code pos}, or -1. */
        private int entryAt(ByteBuffer buffer, int pos, int limit) {
            if (pos + ENTRY_HEADER + 2 > limit || buffer.getShort(pos) != ENTRY_MAGIC || buffer.get(pos + 3) != 0) {
                return -1;
            }
            byte type = buffer.get(pos + 2);
            int length = buffer.getInt(pos + 4);
            if ((type != TABLE && type != ROW && type != ACK) || length < 2 || length > limit - pos - ENTRY_HEADER) {
                return -1;
            }
            crc.reset();
            crc.update(buffer.duplicate().position(pos).limit(pos + 8));
            crc.update(buffer.duplicate().position(pos + ENTRY_HEADER).limit(pos + ENTRY_HEADER + length));
            return (int) crc.getValue() == buffer.getInt(pos + 8) ? length : -1;
        }

        private static TableRef tableRef(String[] table) {
            try {
                return TableRef.of(table[0], table[1], table[2]);
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** Catalog, schema, table and record type; null when they do not parse. */
        private static String[] strings(byte[] body) {
            try {
                ByteBuffer in = ByteBuffer.wrap(body);
                String[] parts = new String[4];
                for (int i = 0; i < parts.length; i++) {
                    int length = in.getInt();
                    if (length >= 0) {
                        parts[i] = new String(body, in.position(), length, StandardCharsets.UTF_8);
                        in.position(in.position() + length);
                    }
                }
                return parts;
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
