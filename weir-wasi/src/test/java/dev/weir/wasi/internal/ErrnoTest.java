package dev.weir.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.MemoryAccessException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java failure a WASI call can meet maps to the errno POSIX would give. */
class ErrnoTest {
    private static FileSystemException fs(String reason) {
        return new FileSystemException("/x", null, reason);
    }

    @Test
    void typedExceptions() {
        assertEquals(Errno.NOENT, Errno.of(new NoSuchFileException("/x")));
        assertEquals(Errno.EXIST, Errno.of(new FileAlreadyExistsException("/x")));
        assertEquals(Errno.NOTEMPTY, Errno.of(new DirectoryNotEmptyException("/x")));
        assertEquals(Errno.NOTDIR, Errno.of(new NotDirectoryException("/x")));
        assertEquals(Errno.ACCES, Errno.of(new AccessDeniedException("/x")));
        assertEquals(Errno.INVAL, Errno.of(new NotLinkException("/x")));
        assertEquals(Errno.LOOP, Errno.of(new FileSystemLoopException("/x")));
        assertEquals(Errno.XDEV, Errno.of(new AtomicMoveNotSupportedException("/a", "/b", "cross")));
        assertEquals(Errno.ROFS, Errno.of(new ReadOnlyFileSystemException()));
        assertEquals(Errno.BADF, Errno.of(new NonReadableChannelException()));
        assertEquals(Errno.BADF, Errno.of(new NonWritableChannelException()));
        assertEquals(Errno.BADF, Errno.of(new ClosedChannelException()));
        assertEquals(Errno.INVAL, Errno.of(new InvalidPathException("a\0b", "nul")));
        assertEquals(Errno.ACCES, Errno.of(new SecurityException("no")));
        assertEquals(Errno.NOTSUP, Errno.of(new UnsupportedOperationException()));
        assertEquals(Errno.INVAL, Errno.of(new IllegalArgumentException()));
        assertEquals(Errno.ILSEQ, Errno.of(new MalformedInputException(1)));
        assertEquals(Errno.FAULT, Errno.of(new MemoryAccessException("oob", 1, 2, 3)));
        assertEquals(Errno.NOENT, Errno.of(new UncheckedIOException(new NoSuchFileException("/x"))));
        assertEquals(Errno.TXTBSY, Errno.of(new WasiErrnoException(Errno.TXTBSY)));
    }

    @Test
    void strerrorReasons() {
        assertEquals(Errno.PERM, Errno.of(fs("Operation not permitted")));
        assertEquals(Errno.NOTDIR, Errno.of(fs("Not a directory")));
        assertEquals(Errno.ISDIR, Errno.of(fs("Is a directory")));
        assertEquals(Errno.NOTEMPTY, Errno.of(fs("Directory not empty")));
        assertEquals(Errno.LOOP, Errno.of(fs("Too many levels of symbolic links")));
        assertEquals(Errno.NAMETOOLONG, Errno.of(fs("File name too long")));
        assertEquals(Errno.INVAL, Errno.of(fs("Invalid argument")));
        assertEquals(Errno.NOSPC, Errno.of(fs("No space left on device")));
        assertEquals(Errno.ROFS, Errno.of(fs("Read-only file system")));
        assertEquals(Errno.XDEV, Errno.of(fs("Invalid cross-device link")));
        assertEquals(Errno.BUSY, Errno.of(fs("Device or resource busy")));
        assertEquals(Errno.TXTBSY, Errno.of(fs("Text file busy")));
        assertEquals(Errno.MFILE, Errno.of(fs("Too many open files")));
        assertEquals(Errno.DQUOT, Errno.of(fs("Disk quota exceeded")));
        assertEquals(Errno.FBIG, Errno.of(fs("File too large")));
        assertEquals(Errno.MLINK, Errno.of(fs("Too many links")));
        assertEquals(Errno.ACCES, Errno.of(fs("Permission denied")));
        assertEquals(Errno.IO, Errno.of(fs("Input/output error")));
        assertEquals(Errno.IO, Errno.of(fs("something nobody has heard of")));
        assertEquals(Errno.IO, Errno.of(fs(null)));
        // plain IOExceptions carry the text in the message (e.g. NOFOLLOW_LINKS opens)
        assertEquals(Errno.LOOP, Errno.of(new IOException("Too many levels of symbolic links (NOFOLLOW_LINKS specified)")));
        assertEquals(Errno.PIPE, Errno.of(new IOException("Broken pipe")));
        assertEquals(Errno.IO, Errno.of(new EOFException()));
        assertEquals(Errno.IO, Errno.of(new RuntimeException("bug")));
    }

    @Test
    void realFileSystemFailures(@TempDir Path dir) throws IOException {
        Path f = Files.createFile(dir.resolve("f"));
        Path d = Files.createDirectory(dir.resolve("d"));
        Files.createFile(d.resolve("inner"));
        assertEquals(Errno.EXIST, errnoOf(() -> Files.createFile(f)));
        assertEquals(Errno.NOENT, errnoOf(() -> Files.delete(dir.resolve("missing"))));
        Path e = Files.createDirectory(dir.resolve("e"));
        assertEquals(Errno.NOTEMPTY, errnoOf(() -> Files.move(e, d, StandardCopyOption.ATOMIC_MOVE)));
        assertEquals(Errno.ISDIR, errnoOf(() -> Files.move(f, d, StandardCopyOption.ATOMIC_MOVE)));
        assertEquals(Errno.NOTDIR, errnoOf(() -> Files.move(e, f, StandardCopyOption.ATOMIC_MOVE)));
        assertEquals(Errno.PERM, errnoOf(() -> Files.createLink(dir.resolve("hl"), d))); // hard link to a directory
        assertEquals(Errno.NOTDIR, errnoOf(() -> Files.createFile(f.resolve("child"))));
        assertEquals(Errno.NOTEMPTY, errnoOf(() -> Files.delete(d)));
    }

    interface IoAction {
        void run() throws IOException;
    }

    private static int errnoOf(IoAction a) {
        try {
            a.run();
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errno.of(e);
        }
    }

    @Test
    void names() {
        assertEquals("NOENT", Errno.name(Errno.NOENT));
        assertEquals("NOTCAPABLE", Errno.name(Errno.NOTCAPABLE));
        assertEquals("2BIG", Errno.name(Errno.TOOBIG));
        assertEquals("errno 999", Errno.name(999));
    }
}
