package dev.weir.wasi.internal;

import dev.weir.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fd_readdir}. A directory is listed once when a read starts at cookie 0 and that snapshot
 * is served by position: the cookie of entry {@code i} ({@code d_next}) is {@code i + 1}, so a
 * guest resuming at any cookie sees each entry exactly once even while it unlinks files. The
 * listing includes "." and ".." like the Linux getdents the testsuite expects.
 */
public final class DirListing {
    /** One directory entry. */
    public static final class Entry {
        final byte[] name;
        final long ino;
        final int type;

        Entry(byte[] name, long ino, int type) {
            this.name = name;
            this.ino = ino;
            this.type = type;
        }
    }

    private DirListing() {
    }

    static List<Entry> list(Path dir) throws IOException {
        List<Entry> out = new ArrayList<>();
        out.add(new Entry(new byte[] {'.'}, Stat.of(dir).ino, Wasi1.FILETYPE_DIRECTORY));
        Path parent = dir.getParent();
        long parentIno = 0;
        if (parent != null) {
            try {
                parentIno = Stat.of(parent).ino;
            } catch (IOException e) {
                parentIno = 0; // the parent may be unreadable to us; its inode is not essential
            }
        }
        out.add(new Entry(new byte[] {'.', '.'}, parentIno, Wasi1.FILETYPE_DIRECTORY));
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                children.add(p);
            }
        }
        children.sort(null);
        for (Path p : children) {
            Stat s;
            try {
                s = Stat.of(p);
            } catch (IOException e) {
                continue; // removed while listing
            }
            out.add(new Entry(p.getFileName().toString().getBytes(StandardCharsets.UTF_8), s.ino, s.filetype));
        }
        return out;
    }

    /**
     * Writes entries from {@code cookie} on into {@code [buf, buf+len)}; the last one is cut off
     * when it does not fit (wasi-libc detects a full buffer and retries with a bigger one).
     * Returns bytes used.
     */
    static int write(Memory m, List<Entry> entries, long cookie, long buf, int len) {
        int used = 0;
        byte[] tmp = new byte[Wasi1.DIRENT_SIZE];
        for (long i = cookie; i >= 0 && i < entries.size() && used < len; i++) {
            Entry e = entries.get((int) i);
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(tmp).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            bb.putLong(0, i + 1);
            bb.putLong(8, e.ino);
            bb.putInt(16, e.name.length);
            bb.putInt(20, e.type & 0xFF);
            int n = Math.min(Wasi1.DIRENT_SIZE, len - used);
            m.write(buf + used, tmp, 0, n);
            used += n;
            n = Math.min(e.name.length, len - used);
            m.write(buf + used, e.name, 0, n);
            used += n;
        }
        return used;
    }
}
