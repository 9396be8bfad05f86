package dev.weir.wasi.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The sandbox: resolves a guest path relative to a directory descriptor, one component at a time,
 * never letting the OS follow a symlink on its own.
 *
 * <p>Rules (those of wasmtime's cap-std, which the wasi-testsuite checks):
 * <ul>
 *   <li>Absolute paths are refused with EPERM: a descriptor is the only root.</li>
 *   <li>{@code ..} may not climb above the directory the descriptor names (not merely above the
 *       preopen): EPERM.</li>
 *   <li>Every symlink met on the way is read with NOFOLLOW and its target spliced into the
 *       remaining path, so it is subject to the same two rules; an absolute target is EPERM.
 *       The last component is only followed when the caller asks (LOOKUP_SYMLINK_FOLLOW) or the
 *       path ends in a slash (POSIX). More than {@value #MAX_SYMLINKS} expansions: ELOOP.</li>
 *   <li>An intermediate component that is missing is ENOENT; one that is not a directory is ENOTDIR.</li>
 * </ul>
 * A concurrent host process swapping a directory for a symlink between our check and the final
 * system call could still redirect that call (java.nio has no openat); guests alone cannot.
 */
public final class PathResolver {
    public static final int MAX_SYMLINKS = 32;
    /** Longest guest path accepted (Linux PATH_MAX). */
    public static final int MAX_PATH_BYTES = 4096;

    private PathResolver() {
    }

    /** The outcome of a resolution. */
    public static final class Resolved {
        /** Host path of the final component (symlinks expanded except possibly the last). */
        public final Path host;
        /** NOFOLLOW attributes of {@link #host}, or null when it does not exist. */
        public final BasicFileAttributes attrs;
        /** The path ended in '/' (the target must be a directory). */
        public final boolean trailingSlash;
        /** The path names the base directory itself ("." or "a/.."): there is no final name to create. */
        public final boolean isBase;

        Resolved(Path host, BasicFileAttributes attrs, boolean trailingSlash, boolean isBase) {
            this.host = host;
            this.attrs = attrs;
            this.trailingSlash = trailingSlash;
            this.isBase = isBase;
        }

        public boolean exists() {
            return attrs != null;
        }

        public boolean isDirectory() {
            return attrs != null && attrs.isDirectory();
        }

        public boolean isSymlink() {
            return attrs != null && attrs.isSymbolicLink();
        }
    }

    /**
     * Resolves {@code path} below {@code base}.
     *
     * @param followFinal whether a symlink in the last position is followed
     */
    public static Resolved resolve(Path base, String path, boolean followFinal) throws IOException {
        if (path.isEmpty()) {
            throw WasiErrnoException.of(Errno.NOENT);
        }
        if (path.indexOf('\0') >= 0) {
            throw WasiErrnoException.of(Errno.ILSEQ);
        }
        if (path.charAt(0) == '/') {
            throw WasiErrnoException.of(Errno.PERM);
        }
        boolean trailingSlash = path.endsWith("/");
        Deque<String> pending = new ArrayDeque<>();
        split(path, pending, false);
        List<String> stack = new ArrayList<>();
        int expansions = 0;
        BasicFileAttributes finalAttrs = null;
        boolean finalKnown = false;
        while (!pending.isEmpty()) {
            String c = pending.pollFirst();
            boolean last = pending.isEmpty();
            finalKnown = false;
            if (c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (stack.isEmpty()) {
                    throw WasiErrnoException.of(Errno.PERM);
                }
                stack.remove(stack.size() - 1);
                continue;
            }
            Path p = join(base, stack, c);
            BasicFileAttributes a = lstat(p);
            if (a != null && a.isSymbolicLink() && (!last || followFinal || trailingSlash)) {
                if (++expansions > MAX_SYMLINKS) {
                    throw WasiErrnoException.of(Errno.LOOP);
                }
                String target = Files.readSymbolicLink(p).toString();
                if (target.isEmpty()) {
                    throw WasiErrnoException.of(Errno.NOENT);
                }
                if (target.charAt(0) == '/') {
                    throw WasiErrnoException.of(Errno.PERM);
                }
                split(target, pending, true);
                continue;
            }
            if (!last) {
                if (a == null) {
                    throw WasiErrnoException.of(Errno.NOENT);
                }
                if (!a.isDirectory()) {
                    throw WasiErrnoException.of(Errno.NOTDIR);
                }
            }
            stack.add(c);
            finalAttrs = a;
            finalKnown = true;
        }
        Path host = join(base, stack, null);
        if (stack.isEmpty()) {
            return new Resolved(host, lstat(host), trailingSlash, true);
        }
        if (!finalKnown) {
            // The path ended in "." or ".." after a name: it names an existing directory.
            finalAttrs = lstat(host);
        }
        return new Resolved(host, finalAttrs, trailingSlash, false);
    }

    /** Splits on '/', dropping empty components; {@code front} pushes the pieces before what is pending. */
    private static void split(String path, Deque<String> out, boolean front) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (i > start) {
                    parts.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        if (front) {
            for (int i = parts.size() - 1; i >= 0; i--) {
                out.addFirst(parts.get(i));
            }
        } else {
            out.addAll(parts);
        }
        if (parts.isEmpty() && !front) {
            out.add(".");
        }
    }

    private static Path join(Path base, List<String> stack, String extra) {
        Path p = base;
        for (String s : stack) {
            p = p.resolve(s);
        }
        return extra == null ? p : p.resolve(extra);
    }

    /** NOFOLLOW attributes, or null if nothing is there. */
    public static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
