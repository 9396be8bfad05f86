package dev.weir.wasi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/** One open file descriptor of a guest: a standard stream, a file or a directory. */
public abstract class FdEntry {
    /** Rights for operations on this descriptor. */
    public long rightsBase;
    /** Rights handed to descriptors opened through this one (only meaningful for directories). */
    public long rightsInheriting;
    public int fdflags;

    FdEntry(long rightsBase, long rightsInheriting, int fdflags) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.fdflags = fdflags;
    }

    public abstract int filetype();

    /** Releases host resources; the embedder's streams are never closed. */
    public void close() throws IOException {
    }

    /** Throws ENOTCAPABLE unless this descriptor holds all of {@code rights}. */
    public final void require(long rights) {
        if ((rightsBase & rights) != rights) {
            throw WasiErrnoException.of(Errno.NOTCAPABLE);
        }
    }

    /** stdin, stdout or stderr (or whatever the embedder connected them to). */
    public static final class Stream extends FdEntry {
        public final InputStream in;
        public final OutputStream out;
        public final boolean terminal;

        public Stream(InputStream in, OutputStream out, boolean terminal) {
            super((in != null ? Wasi1.FD_READ : Wasi1.FD_WRITE) | Wasi1.POLL_FD_READWRITE | Wasi1.FD_FILESTAT_GET
                    | Wasi1.FD_FDSTAT_SET_FLAGS, 0, 0);
            this.in = in;
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public int filetype() {
            return terminal ? Wasi1.FILETYPE_CHARACTER_DEVICE : Wasi1.FILETYPE_UNKNOWN;
        }
    }

    /** A regular file (or another non-directory host file) opened through {@code path_open}. */
    public static final class File extends FdEntry {
        public final FileChannel channel;
        /** Host path at open time, for metadata (java.nio has no fstat for channels). */
        public final Path path;
        public final boolean readOnlyTree;
        private final int filetype;

        public File(FileChannel channel, Path path, int filetype, boolean readOnlyTree, long base, long inheriting,
                int fdflags) {
            super(base, inheriting, fdflags);
            this.channel = channel;
            this.path = path;
            this.filetype = filetype;
            this.readOnlyTree = readOnlyTree;
        }

        @Override
        public int filetype() {
            return filetype;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** A directory: a preopen or one opened through {@code path_open}. Paths resolve below it. */
    public static final class Dir extends FdEntry {
        public final Path path;
        /** The guest name of a preopen (fd_prestat_get), or null. */
        public final String preopenName;
        public final boolean readOnly;
        /** The listing fd_readdir serves cookies from; refreshed when a read starts at cookie 0. */
        public List<DirListing.Entry> listing;

        public Dir(Path path, String preopenName, boolean readOnly, long base, long inheriting, int fdflags) {
            super(base, inheriting, fdflags);
            this.path = path;
            this.preopenName = preopenName;
            this.readOnly = readOnly;
        }

        @Override
        public int filetype() {
            return Wasi1.FILETYPE_DIRECTORY;
        }
    }
}
