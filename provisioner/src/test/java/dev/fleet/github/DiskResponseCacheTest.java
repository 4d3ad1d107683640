package dev.fleet.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskResponseCacheTest {
    @TempDir
    Path folder;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));

    static CachedPage page(String etag, int bodyBytes) {
        byte[] body = new byte[bodyBytes];
        Arrays.fill(body, (byte) 'x');
        return new CachedPage(etag, body, null);
    }

    DiskResponseCache open(int maxEntries, long maxBytes) {
        return DiskResponseCache.open(folder, maxEntries, maxBytes, clock).orElseThrow();
    }

    @Test
    void anEntryReadsBackAsWritten() throws IOException {
        CachedPage page = new CachedPage("W/\"v1\"", "{\"id\":1}".getBytes(StandardCharsets.UTF_8),
                "https://api.github.com/x?page=2");
        DiskResponseCache cache = open(10, 1 << 20);

        cache.put("k", page);

        CachedPage read = open(10, 1 << 20).get("k");
        assertThat(read.etag()).isEqualTo(page.etag());
        assertThat(read.body()).isEqualTo(page.body());
        assertThat(read.next()).isEqualTo(page.next());
        assertThat(cache.get("absent")).isNull();
        assertThat(DiskResponseCache.decode(DiskResponseCache.encode(page("e", 0))).next()).isNull();
    }

    @Test
    void rejectsWhatIsNotAWholeUndamagedEntry() throws IOException {
        byte[] good = DiskResponseCache.encode(page("e", 10));
        byte[] flipped = good.clone();
        flipped[6] ^= 1;

        assertThatThrownBy(() -> DiskResponseCache.decode(new byte[3])).hasMessage("too short for an entry");
        assertThatThrownBy(() -> DiskResponseCache.decode(flipped)).hasMessage("checksum mismatch");
        assertThatThrownBy(() -> DiskResponseCache.decode(Arrays.copyOf(good, good.length - 1)))
                .hasMessage("checksum mismatch");
        assertThatThrownBy(() -> DiskResponseCache.decode(checksummed(out -> out.writeInt(42))))
                .hasMessage("another format");
        byte[] format = Arrays.copyOf(good, 4);
        assertThatThrownBy(() -> DiskResponseCache.decode(checksummed(out -> {
            out.write(format);
            out.writeUTF("e");
            out.writeUTF("");
            out.writeInt(5);
            out.write(new byte[2]);
        }))).hasMessage("body length mismatch");
    }

    @Test
    void anUnreadableEntryIsAMiss() throws IOException {
        DiskResponseCache cache = open(10, 1 << 20);
        Files.createDirectory(folder.resolve("k.entry"));

        assertThat(cache.get("k")).isNull();
        cache.put("k", page("e", 1));
        assertThat(cache.get("k")).isNull();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(folder.resolve("k.entry"));
        }
    }

    @Test
    void evictsTheLeastRecentlyUsedToStayWithinTheEntryCap() throws IOException {
        DiskResponseCache cache = open(4, 1 << 20);
        for (String key : List.of("a", "b", "c", "d")) {
            cache.put(key, page(key, 10));
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(cache.get("a")).isNotNull();
        clock.advance(Duration.ofMinutes(1));

        cache.put("e", page("e", 10));
        assertThat(entryNames()).containsExactlyInAnyOrder("a.entry", "c.entry", "d.entry", "e.entry");

        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(1));
            cache.put("new" + i, page("n", 10));
            assertThat(entryNames()).hasSizeLessThanOrEqualTo(4);
        }
        assertThat(entryNames()).containsExactlyInAnyOrder("new6.entry", "new7.entry", "new8.entry", "new9.entry");
    }

    @Test
    void evictsToStayWithinTheByteCapAndCountsWhatOtherProcessesWrote() throws IOException {
        open(100, 1 << 20).put("elsewhere", page("e", 600));
        clock.advance(Duration.ofMinutes(1));
        DiskResponseCache cache = open(100, 1000);

        cache.put("here", page("h", 600));

        assertThat(entryNames()).containsExactly("here.entry");
    }

    @Test
    void trimsAnOverfullFolderWhenOpened() throws IOException {
        DiskResponseCache big = open(100, 1 << 20);
        for (int i = 0; i < 30; i++) {
            big.put("k" + i, page("e", 1));
            clock.advance(Duration.ofSeconds(1));
        }

        open(20, 1 << 20);

        assertThat(entryNames()).hasSize(18).contains("k29.entry").doesNotContain("k11.entry");
    }

    @Test
    void removesAnEntryAndItsAccount() throws IOException {
        DiskResponseCache cache = open(2, 1 << 20);
        cache.put("a", page("a", 1));
        cache.put("b", page("b", 1));

        cache.remove("a");
        cache.remove("never-written");
        cache.put("c", page("c", 1));

        assertThat(entryNames()).containsExactlyInAnyOrder("b.entry", "c.entry");
    }

    @Test
    void clearsTempFilesOfDeadWritersButNotOfLiveOnesNorOthersFiles() throws IOException {
        Path abandoned = Files.writeString(folder.resolve(".k1.123.tmp"), "half");
        Files.setLastModifiedTime(abandoned, FileTime.from(clock.instant().minus(Duration.ofHours(1))));
        Path writing = Files.writeString(folder.resolve(".k2.456.tmp"), "half");
        Files.setLastModifiedTime(writing, FileTime.from(clock.instant()));
        Path foreign = Files.writeString(folder.resolve("notes.txt"), "not fleet's");

        open(10, 1 << 20);

        assertThat(abandoned).doesNotExist();
        assertThat(writing).exists();
        assertThat(foreign).exists();
    }

    @Test
    void tightensAnExistingFolderToTheOwner() throws IOException {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

        open(10, 1 << 20).put("k", page("e", 1));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("k.entry"))))
                .isEqualTo("rw-------");
    }

    List<String> entryNames() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".entry")).toList();
        }
    }

    interface Writes {
        void to(DataOutputStream out) throws IOException;
    }

    /** Bytes with a valid checksum, to reach the checks behind it. */
    static byte[] checksummed(Writes content) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            content.to(out);
        }
        return DiskResponseCache.withChecksum(buffer.toByteArray());
    }
}
