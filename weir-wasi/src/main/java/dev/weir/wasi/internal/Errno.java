package dev.weir.wasi.internal;

import dev.weir.MemoryAccessException;
import dev.weir.MalformedStringException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;

/**
 * WASI preview 1 error numbers ({@code errno}, witx {@code typenames.witx}) and the mapping from
 * Java exceptions to them.
 *
 * <p>java.nio only has exception classes for a few POSIX errors (ENOENT, EEXIST, EACCES, ENOTEMPTY,
 * ELOOP, ENOTDIR); everything else arrives as a {@link FileSystemException} whose
 * {@link FileSystemException#getReason() reason} is the C library's {@code strerror} text. Those
 * texts are matched here (glibc and musl wording; macOS uses the same strings for these codes).
 */
public final class Errno {
    public static final int SUCCESS = 0;
    public static final int TOOBIG = 1;
    public static final int ACCES = 2;
    public static final int ADDRINUSE = 3;
    public static final int ADDRNOTAVAIL = 4;
    public static final int AFNOSUPPORT = 5;
    public static final int AGAIN = 6;
    public static final int ALREADY = 7;
    public static final int BADF = 8;
    public static final int BADMSG = 9;
    public static final int BUSY = 10;
    public static final int CANCELED = 11;
    public static final int CHILD = 12;
    public static final int CONNABORTED = 13;
    public static final int CONNREFUSED = 14;
    public static final int CONNRESET = 15;
    public static final int DEADLK = 16;
    public static final int DESTADDRREQ = 17;
    public static final int DOM = 18;
    public static final int DQUOT = 19;
    public static final int EXIST = 20;
    public static final int FAULT = 21;
    public static final int FBIG = 22;
    public static final int HOSTUNREACH = 23;
    public static final int IDRM = 24;
    public static final int ILSEQ = 25;
    public static final int INPROGRESS = 26;
    public static final int INTR = 27;
    public static final int INVAL = 28;
    public static final int IO = 29;
    public static final int ISCONN = 30;
    public static final int ISDIR = 31;
    public static final int LOOP = 32;
    public static final int MFILE = 33;
    public static final int MLINK = 34;
    public static final int MSGSIZE = 35;
    public static final int MULTIHOP = 36;
    public static final int NAMETOOLONG = 37;
    public static final int NETDOWN = 38;
    public static final int NETRESET = 39;
    public static final int NETUNREACH = 40;
    public static final int NFILE = 41;
    public static final int NOBUFS = 42;
    public static final int NODEV = 43;
    public static final int NOENT = 44;
    public static final int NOEXEC = 45;
    public static final int NOLCK = 46;
    public static final int NOLINK = 47;
    public static final int NOMEM = 48;
    public static final int NOMSG = 49;
    public static final int NOPROTOOPT = 50;
    public static final int NOSPC = 51;
    public static final int NOSYS = 52;
    public static final int NOTCONN = 53;
    public static final int NOTDIR = 54;
    public static final int NOTEMPTY = 55;
    public static final int NOTRECOVERABLE = 56;
    public static final int NOTSOCK = 57;
    public static final int NOTSUP = 58;
    public static final int NOTTY = 59;
    public static final int NXIO = 60;
    public static final int OVERFLOW = 61;
    public static final int OWNERDEAD = 62;
    public static final int PERM = 63;
    public static final int PIPE = 64;
    public static final int PROTO = 65;
    public static final int PROTONOSUPPORT = 66;
    public static final int PROTOTYPE = 67;
    public static final int RANGE = 68;
    public static final int ROFS = 69;
    public static final int SPIPE = 70;
    public static final int SRCH = 71;
    public static final int STALE = 72;
    public static final int TIMEDOUT = 73;
    public static final int TXTBSY = 74;
    public static final int XDEV = 75;
    public static final int NOTCAPABLE = 76;

    private static final String[] NAMES = {
        "SUCCESS", "2BIG", "ACCES", "ADDRINUSE", "ADDRNOTAVAIL", "AFNOSUPPORT", "AGAIN", "ALREADY", "BADF",
        "BADMSG", "BUSY", "CANCELED", "CHILD", "CONNABORTED", "CONNREFUSED", "CONNRESET", "DEADLK",
        "DESTADDRREQ", "DOM", "DQUOT", "EXIST", "FAULT", "FBIG", "HOSTUNREACH", "IDRM", "ILSEQ", "INPROGRESS",
        "INTR", "INVAL", "IO", "ISCONN", "ISDIR", "LOOP", "MFILE", "MLINK", "MSGSIZE", "MULTIHOP", "NAMETOOLONG",
        "NETDOWN", "NETRESET", "NETUNREACH", "NFILE", "NOBUFS", "NODEV", "NOENT", "NOEXEC", "NOLCK", "NOLINK",
        "NOMEM", "NOMSG", "NOPROTOOPT", "NOSPC", "NOSYS", "NOTCONN", "NOTDIR", "NOTEMPTY", "NOTRECOVERABLE",
        "NOTSOCK", "NOTSUP", "NOTTY", "NXIO", "OVERFLOW", "OWNERDEAD", "PERM", "PIPE", "PROTO", "PROTONOSUPPORT",
        "PROTOTYPE", "RANGE", "ROFS", "SPIPE", "SRCH", "STALE", "TIMEDOUT", "TXTBSY", "XDEV", "NOTCAPABLE",
    };

    /** strerror texts (lower case) and their errno, for FileSystemException reasons and IOException messages. */
    private static final Object[][] REASONS = {
        {"no such file or directory", NOENT},
        {"file exists", EXIST},
        {"not a directory", NOTDIR},
        {"is a directory", ISDIR},
        {"directory not empty", NOTEMPTY},
        {"too many levels of symbolic links", LOOP},
        {"too many symbolic links", LOOP},
        {"operation not permitted", PERM},
        {"permission denied", ACCES},
        {"file name too long", NAMETOOLONG},
        {"invalid argument", INVAL},
        {"no space left on device", NOSPC},
        {"read-only file system", ROFS},
        {"cross-device link", XDEV},
        {"device or resource busy", BUSY},
        {"resource busy", BUSY},
        {"text file busy", TXTBSY},
        {"too many open files", MFILE},
        {"disk quota exceeded", DQUOT},
        {"file too large", FBIG},
        {"bad file descriptor", BADF},
        {"broken pipe", PIPE},
        {"illegal seek", SPIPE},
        {"input/output error", IO},
        {"too many links", MLINK},
        {"no such device", NODEV},
        {"operation not supported", NOTSUP},
        {"function not implemented", NOSYS},
        {"resource temporarily unavailable", AGAIN},
        {"interrupted system call", INTR},
        {"value too large", OVERFLOW},
        {"invalid or incomplete multibyte", ILSEQ},
        {"illegal byte sequence", ILSEQ},
        {"stale file handle", STALE},
        {"connection reset", CONNRESET},
        {"connection refused", CONNREFUSED},
        {"cannot allocate memory", NOMEM},
    };

    private Errno() {
    }

    /** The WASI name without the {@code E} prefix, e.g. {@code "NOENT"}. */
    public static String name(int errno) {
        return errno >= 0 && errno < NAMES.length ? NAMES[errno] : "errno " + errno;
    }

    /** The errno a guest sees for a failure of a host operation. Never throws. */
    public static int of(Throwable t) {
        if (t instanceof WasiErrnoException) {
            return ((WasiErrnoException) t).errno();
        }
        if (t instanceof MemoryAccessException) {
            return FAULT;
        }
        if (t instanceof MalformedStringException || t instanceof CharacterCodingException) {
            return ILSEQ;
        }
        if (t instanceof UncheckedIOException && t.getCause() != null) {
            return of(t.getCause());
        }
        if (t instanceof NoSuchFileException) {
            return NOENT;
        }
        if (t instanceof FileAlreadyExistsException) {
            return EXIST;
        }
        if (t instanceof DirectoryNotEmptyException) {
            return NOTEMPTY;
        }
        if (t instanceof NotDirectoryException) {
            return NOTDIR;
        }
        if (t instanceof AccessDeniedException) {
            return ACCES;
        }
        if (t instanceof NotLinkException) {
            return INVAL;
        }
        if (t instanceof FileSystemLoopException) {
            return LOOP;
        }
        if (t instanceof AtomicMoveNotSupportedException) {
            return XDEV;
        }
        if (t instanceof ReadOnlyFileSystemException) {
            return ROFS;
        }
        if (t instanceof NonReadableChannelException || t instanceof NonWritableChannelException
                || t instanceof ClosedChannelException) {
            return BADF;
        }
        if (t instanceof InvalidPathException) {
            return INVAL;
        }
        if (t instanceof SecurityException) {
            return ACCES;
        }
        if (t instanceof UnsupportedOperationException) {
            return NOTSUP;
        }
        if (t instanceof IllegalArgumentException) {
            return INVAL;
        }
        if (t instanceof FileSystemException) {
            int e = fromText(((FileSystemException) t).getReason());
            return e >= 0 ? e : fromText(t.getMessage()) >= 0 ? fromText(t.getMessage()) : IO;
        }
        if (t instanceof IOException) {
            int e = fromText(t.getMessage());
            return e >= 0 ? e : IO;
        }
        return IO;
    }

    /** The errno named by a strerror text inside {@code text}, or -1. */
    static int fromText(String text) {
        if (text == null) {
            return -1;
        }
        String s = text.toLowerCase(Locale.ROOT);
        for (Object[] r : REASONS) {
            if (s.contains((String) r[0])) {
                return (Integer) r[1];
            }
        }
        return -1;
    }
}
