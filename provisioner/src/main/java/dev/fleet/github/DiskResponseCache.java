package dev.fleet.github;

import dev.fleet.config.OwnerOnlyFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second level: one file per answer in a folder of its own, so that a conditional request still works in the
 * next process ({@code fleet reconcile} runs from cron, a new JVM every pass).
 *
 * <p>A file is written to a temp file in the same folder and renamed, so readers see a whole entry or none; it is
 * owner-only (folder 0700, files 0600 where POSIX permissions exist) and carries a checksum, so a damaged entry is a
 * miss, replaced by the next answer. Files are touched when read: eviction drops the least recently used first, once
 * the folder holds more than {@code maxEntries} files or {@code maxBytes}.
 */
final class DiskResponseCache implements ResponseCache {
    static final int DEFAULT_MAX_ENTRIES = 2000;
    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DiskResponseCache.class);
    private static final String SUFFIX = ".entry";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int FORMAT = 0x666c7401;
    /** A temp file this old belongs to a process that died mid-write, not to one writing now. */
    private static final Duration ABANDONED_TEMP = Duration.ofMinutes(10);
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    private final Path folder;
    private final int maxEntries;
    private final long maxBytes;
    private final Clock clock;
    /** This process's view of the folder; other processes' writes show up at the next trim. Guarded by this. */
    private int entries;
    private long bytes;

    private DiskResponseCache(Path folder, int maxEntries, long maxBytes, Clock clock) {
        this.folder = folder;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /**
     * The cache in {@code folder}, created (owner-only) when missing and trimmed to its bounds; empty, with a
     * warning, when the folder cannot be used, since a run without it only costs more requests.
     */
    static Optional<DiskResponseCache> open(Path folder, int maxEntries, long maxBytes, Clock clock) {
        try {
            OwnerOnlyFiles.createFolder(folder);
            if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // An existing folder may predate fleet's rules; it is fleet's own, so tighten it.
                Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
            }
            DiskResponseCache cache = new DiskResponseCache(folder, maxEntries, maxBytes, clock);
            cache.trim();
            return Optional.of(cache);
        } catch (IOException | SecurityException e) {
            LOG.warn("HTTP cache folder {} is unusable ({}): conditional requests only within this run", folder,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    @Override
    public CachedPage get(String key) {
        Path file = entry(key);
        try {
            CachedPage page = decode(Files.readAllBytes(file));
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
            return page;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            // Damaged, truncated or unreadable: a miss; the next 200 replaces it.
            LOG.debug("ignoring HTTP cache entry {}: {}", file.getFileName(), e.getClass().getSimpleName());
            return null;
        }
    }

    @Override
    public void put(String key, CachedPage page) {
        Path target = entry(key);
        Path temp = null;
        try {
            temp = OwnerOnlyFiles.createTemp(folder, "." + key + ".", TEMP_SUFFIX);
            Files.write(temp, encode(page));
            long replaced = sizeOrNone(target);
            OwnerOnlyFiles.replace(temp, target);
            Files.setLastModifiedTime(target, FileTime.from(clock.instant()));
            added(replaced, Files.size(target));
        } catch (IOException e) {
            LOG.debug("not caching {} on disk: {}", target.getFileName(), e.getClass().getSimpleName());
            OwnerOnlyFiles.deleteQuietly(temp);
        }
    }

    @Override
    public void remove(String key) {
        Path target = entry(key);
        long size = sizeOrNone(target);
        if (size >= 0 && OwnerOnlyFiles.deleteQuietly(target)) {
            removed(size);
        }
    }

    private synchronized void added(long replaced, long size) {
        if (replaced >= 0) {
            bytes -= replaced;
        } else {
            entries++;
        }
        bytes += size;
        if (entries > maxEntries || bytes > maxBytes) {
            trim();
        }
    }

    private synchronized void removed(long size) {
        entries--;
        bytes -= size;
    }

    /**
     * Counts the folder afresh and drops the least recently used entries down to nine tenths of the bounds, so a
     * full folder is not listed again at every new entry. Also clears temp files of writers that died.
     */
    private synchronized void trim() {
        List<Entry> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    attributes(file).ifPresent(attributes -> found.add(new Entry(file, attributes.lastModifiedTime(),
                            attributes.size())));
                } else if (name.startsWith(".") && name.endsWith(TEMP_SUFFIX)) {
                    attributes(file).filter(attributes -> attributes.lastModifiedTime().toInstant()
                            .isBefore(clock.instant().minus(ABANDONED_TEMP))).ifPresent(old -> OwnerOnlyFiles.deleteQuietly(file));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Files.list reports a failure midway as unchecked; either way the counts stay as they were.
            LOG.debug("cannot list HTTP cache folder {}: {}", folder, e.getClass().getSimpleName());
            return;
        }
        found.sort(Comparator.comparing(Entry::modified));
        entries = found.size();
        bytes = found.stream().mapToLong(Entry::size).sum();
        int keepEntries = maxEntries - maxEntries / 10;
        long keepBytes = maxBytes - maxBytes / 10;
        for (Entry oldest : found) {
            if (entries <= keepEntries && bytes <= keepBytes) {
                break;
            }
            if (OwnerOnlyFiles.deleteQuietly(oldest.file())) {
                entries--;
                bytes -= oldest.size();
            }
        }
    }

    private Path entry(String key) {
        return folder.resolve(key + SUFFIX);
    }


    /** The entry format: a format tag, the ETag, the next link, the body, then a CRC32C of all that. */
    static byte[] encode(CachedPage page) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(page.body().length + 256);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            // writeUTF refuses strings over 64 KB; no real ETag or link comes near, and put skips such a page.
            out.writeInt(FORMAT);
            out.writeUTF(page.etag());
            out.writeUTF(page.next() == null ? "" : page.next());
            out.writeInt(page.body().length);
            out.write(page.body());
        }
        return withChecksum(buffer.toByteArray());
    }

    /** {@code content} followed by its CRC32C, which {@link #decode} checks first. */
    static byte[] withChecksum(byte[] content) {
        CRC32C crc = new CRC32C();
        crc.update(content);
        return ByteBuffer.allocate(content.length + Long.BYTES).put(content).putLong(crc.getValue()).array();
    }

    /** The page in {@code bytes}, or an IOException when they are not a whole, undamaged entry of this format. */
    static CachedPage decode(byte[] bytes) throws IOException {
        int content = bytes.length - Long.BYTES;
        if (content < 0) {
            throw new IOException("too short for an entry");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, content);
        if (crc.getValue() != ByteBuffer.wrap(bytes, content, Long.BYTES).getLong()) {
            throw new IOException("checksum mismatch");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, content));
        if (in.readInt() != FORMAT) {
            throw new IOException("another format");
        }
        String etag = in.readUTF();
        String next = in.readUTF();
        int length = in.readInt();
        byte[] body = in.readNBytes(Math.max(length, 0));
        if (body.length != length || in.available() != 0) {
            throw new IOException("body length mismatch");
        }
        return new CachedPage(etag, body, next.isEmpty() ? null : next);
    }

    private static Optional<BasicFileAttributes> attributes(Path file) {
        try {
            return Optional.of(Files.readAttributes(file, BasicFileAttributes.class));
        } catch (IOException goneMeanwhile) {
            return Optional.empty();
        }
    }

    private static long sizeOrNone(Path file) {
        try {
            return Files.size(file);
        } catch (IOException absent) {
            return -1;
        }
    }



    private record Entry(Path file, FileTime modified, long size) {
    }
}
