package io.lifeline.adapter.cli.state;

import io.lifeline.domain.port.out.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one check of what Lifeline keeps in its run and log folders: a folder is created 0700, a file 0600, and
 * nothing is used that is a link, another user's, or writable by group or others.
 *
 * <p>Java cannot ask for the owner of an open file, so a read checks the entry ({@code lstat}), opens it without
 * following a link ({@code O_NOFOLLOW}), and proves by the file key before and after that what it read is what it
 * checked. Because the folder is checked first (owned by this user, writable by nobody else), nobody else can swap an
 * entry in between. On a file system without POSIX attributes (Windows) there is nothing to check.
 */
public final class OwnerOnlyFiles implements PrivateFiles {

    /** The largest file Lifeline reads back from its folders: its records are a few hundred bytes. */
    static final int MAX_READ = 1 << 20;

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int STICKY = 01000;

    private final Optional<Integer> uid;
    /** The user's primary group: with user private groups (umask 002) it holds the user alone. */
    private final Optional<Integer> gid;

    /** Checks against the user this process runs as. */
    public OwnerOnlyFiles() {
        this(currentUid(), currentGid());
    }

    /**
     * @param uid the user whose files are trusted; empty where the OS has no uids
     * @param gid that user's primary group, whose write bit on a parent folder is tolerated
     */
    OwnerOnlyFiles(Optional<Integer> uid, Optional<Integer> gid) {
        this.uid = Objects.requireNonNull(uid, "uid");
        this.gid = Objects.requireNonNull(gid, "gid");
    }

    /**
     * The folder, created 0700 when missing (its parents as the OS makes them).
     *
     * @throws NotPrivate when it is a link, not a folder, another user's, or writable by group or others
     * @throws UncheckedIOException when it cannot be created
     */
    public Path folder(Path folder) {
        return folder(folder, true);
    }

    /**
     * As {@link #folder(Path)}, but an existing folder keeps its mode: a folder of the user's that others may read
     * (a project's {@code deploy/}) is used as it is; one others may write, or a link, is still refused. For files
     * meant to be handed on, such as an export, which holds no secret.
     */
    public Path ownFolder(Path folder) {
        return folder(folder, false);
    }

    private Path folder(Path folder, boolean tighten) {
        Path dir = folder.toAbsolutePath().normalize();
        try {
            if (!Files.exists(dir, NOFOLLOW)) {
                if (dir.getParent() != null) {
                    Files.createDirectories(dir.getParent());
                }
                try {
                    Files.createDirectory(dir, ownerOnly(OWNER_ONLY_FOLDER));
                } catch (FileAlreadyExistsException raced) {
                    // Made at the same moment by another start: checked below like any other.
                }
            }
            if (tighten) {
                tightenFolder(dir);
            }
            check(dir, true);
            return dir;
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot create the folder " + dir, failed);
        }
    }

    /**
     * A folder of this user's (no link) that others may read, or that only the user's own primary group may write
     * (an older Lifeline under umask 002), is made 0700 before it is checked; one others may write is refused.
     */
    private void tightenFolder(Path dir) throws IOException {
        Optional<Map<String, Object>> attributes = attributes(dir);
        if (attributes.isEmpty() || !(attributes.get().get("mode") instanceof Integer bits)
                || !Boolean.TRUE.equals(attributes.get().get("isDirectory"))
                || !uid.map(attributes.get().get("uid")::equals).orElse(false)) {
            return;
        }
        boolean othersWrite = (bits & 0002) != 0;
        boolean foreignGroupWrites = (bits & 0020) != 0 && !gid.map(attributes.get().get("gid")::equals).orElse(false);
        if ((bits & 0077) != 0 && !othersWrite && !foreignGroupWrites) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY_FOLDER);
        }
    }

    @Override
    public Optional<byte[]> read(Path file) {
        Path path = file.toAbsolutePath().normalize();
        try {
            if (!Files.exists(path.getParent(), NOFOLLOW)) {
                return Optional.empty();
            }
            check(path.getParent(), true);
            Optional<Map<String, Object>> before = attributes(path);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            refuseUnlessPrivate(path, before.get(), false);
            byte[] content;
            try (SeekableByteChannel channel = Files.newByteChannel(path, Set.of(StandardOpenOption.READ, NOFOLLOW))) {
                content = readAll(path, channel);
            } catch (NoSuchFileException gone) {
                return Optional.empty();
            } catch (IOException failed) {
                if (Files.isSymbolicLink(path)) {
                    // O_NOFOLLOW on a link that replaced the file after the check: ELOOP.
                    throw new NotPrivate(path, "it was replaced by a symbolic link while it was read", "delete it;"
                            + " Lifeline writes its own files there");
                }
                throw failed;
            }
            Optional<Map<String, Object>> after = attributes(path);
            if (after.isEmpty() || !Objects.equals(before.get().get("fileKey"), after.get().get("fileKey"))) {
                throw new NotPrivate(path, "it was replaced while it was read", "delete it, and find out what"
                        + " else writes there");
            }
            return Optional.of(content);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot read " + path, failed);
        }
    }

    @Override
    public void write(Path file, byte[] content) {
        Path path = file.toAbsolutePath().normalize();
        write(folder(path.getParent()), path, content);
    }

    /** As {@link #write}, in a folder that keeps its mode ({@link #ownFolder}); the file itself is 0600. */
    public void writeInOwnFolder(Path file, byte[] content) {
        Path path = file.toAbsolutePath().normalize();
        write(ownFolder(path.getParent()), path, content);
    }

    private void write(Path folder, Path path, byte[] content) {
        Path temporary = folder.resolve("." + path.getFileName() + "." + HexFormat.of().toHexDigits(RANDOM.nextLong())
                + ".tmp");
        try {
            try (SeekableByteChannel channel = Files.newByteChannel(temporary, Set.of(StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW, NOFOLLOW), ownerOnly(OWNER_ONLY_FILE))) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            // A rename replaces the entry, never what a link there points to.
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException failed) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // What is left is an owner-only temporary file in an owner-only folder.
            }
            throw new UncheckedIOException("cannot write " + path, failed);
        }
    }

    @Override
    public long appendable(Path file) {
        Path path = file.toAbsolutePath().normalize();
        folder(path.getParent());
        try {
            try {
                Files.newByteChannel(path, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, NOFOLLOW),
                        ownerOnly(OWNER_ONLY_FILE)).close();
                return 0;
            } catch (FileAlreadyExistsException there) {
                Map<String, Object> attributes = attributes(path).orElseThrow(() -> there);
                refuseUnlessPrivate(path, attributes, false);
                // An output file an older Lifeline made 0644 holds the backend's output: owner-only from now on.
                tighten(path);
                return ((Number) attributes.getOrDefault("size", 0L)).longValue();
            }
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot create " + path, failed);
        }
    }

    /**
     * A file to lock, open for reading and writing: created 0600 when missing, never through a link, and checked.
     *
     * @throws NotPrivate when the file or its folder is not private
     */
    public FileChannel openForLocking(Path file) {
        Path path = file.toAbsolutePath().normalize();
        folder(path.getParent());
        Set<OpenOption> options = Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                NOFOLLOW);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, options, ownerOnly(OWNER_ONLY_FILE));
        } catch (IOException failed) {
            if (Files.isSymbolicLink(path)) {
                // O_NOFOLLOW refused it (ELOOP).
                throw new NotPrivate(path, "it is a symbolic link", "delete it; Lifeline makes its own lock file");
            }
            throw new UncheckedIOException("cannot open " + path, failed);
        }
        try {
            refuseUnlessPrivate(path, attributes(path).orElseThrow(() -> new NoSuchFileException(path.toString())),
                    false);
            return channel;
        } catch (IOException | RuntimeException refused) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Refused either way.
            }
            if (refused instanceof IOException failed) {
                throw new UncheckedIOException("cannot open " + path, failed);
            }
            throw (RuntimeException) refused;
        }
    }

    /** Removes the file (a link itself, never what it points to); none there is fine. */
    public void delete(Path file) {
        Path path = file.toAbsolutePath().normalize();
        try {
            if (Files.exists(path.getParent(), NOFOLLOW)) {
                check(path.getParent(), true);
            }
            Files.deleteIfExists(path);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot delete " + path, failed);
        }
    }

    /** Makes a file Lifeline wrote earlier owner-only, if it is a regular file of this user's; anything else stays. */
    public void tighten(Path file) {
        try {
            Optional<Map<String, Object>> attributes = attributes(file);
            if (attributes.isPresent() && Boolean.TRUE.equals(attributes.get().get("isRegularFile"))
                    && uid.map(attributes.get().get("uid")::equals).orElse(false)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // Best effort: the folder, owner-only, is what keeps it private.
        }
    }

    private void check(Path path, boolean folder) throws IOException {
        Optional<Map<String, Object>> attributes = attributes(path);
        if (attributes.isEmpty()) {
            throw new NoSuchFileException(path.toString());
        }
        refuseUnlessPrivate(path, attributes.get(), folder);
        if (folder) {
            checkParents(path);
        }
    }

    /**
     * A private folder is private only if nobody else can swap it, or one of its parents, for their own: every parent
     * up to the root is this user's or root's, and others cannot write to it unless its sticky bit keeps them to
     * their own entries ({@code /tmp}). A parent that is a link is judged by what it points to; the link itself by the
     * parent it is in, the next one checked.
     */
    private void checkParents(Path folder) throws IOException {
        if (uid.isEmpty()) {
            return;
        }
        // The path as given (a link in it lives in its parent) and as it resolves (where a link points).
        checkParentsOf(folder, folder);
        Path real = folder.toRealPath();
        if (!real.equals(folder)) {
            checkParentsOf(folder, real);
        }
    }

    private void checkParentsOf(Path folder, Path path) throws IOException {
        for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
            Map<String, Object> attributes;
            try {
                attributes = Files.readAttributes(parent, "unix:uid,gid,mode");
            } catch (UnsupportedOperationException | IllegalArgumentException notPosix) {
                return;
            }
            Object owner = attributes.get("uid");
            int bits = attributes.get("mode") instanceof Integer mode ? mode : 0;
            boolean sticky = (bits & STICKY) != 0;
            boolean othersMayWrite = (bits & 0002) != 0 && !sticky;
            // A group's write bit is tolerated only for the user's own primary group (user private groups).
            boolean groupMayWrite = (bits & 0020) != 0 && !sticky
                    && !gid.map(attributes.get("gid")::equals).orElse(false);
            boolean foreign = owner instanceof Integer id && id != 0 && !uid.get().equals(id);
            if (othersMayWrite || groupMayWrite || foreign) {
                throw new NotPrivate(folder, "its parent folder " + parent + (foreign ? " is owned by uid " + owner
                        + ", who could replace it" : " can be written by " + (othersMayWrite ? "anyone" : "its group")
                        + " (mode " + String.format("%04o", bits & 07777) + ", no sticky bit), who could replace it"),
                        "use a folder whose parents only you or root can change, e.g. one under your home folder");
            }
        }
    }

    /** Every attribute of the entry itself, in one {@code lstat}; empty when there is none. Not POSIX: no checks. */
    private Optional<Map<String, Object>> attributes(Path path) throws IOException {
        try {
            return Optional.of(Files.readAttributes(path, "unix:*", NOFOLLOW));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (UnsupportedOperationException | IllegalArgumentException notPosix) {
            return Optional.of(Map.of());
        }
    }

    private void refuseUnlessPrivate(Path path, Map<String, Object> attributes, boolean folder) {
        if (attributes.isEmpty()) {
            return;
        }
        String chmod = "chmod " + (folder ? "700 " : "600 ") + path;
        if (Boolean.TRUE.equals(attributes.get("isSymbolicLink"))) {
            throw new NotPrivate(path, "it is a symbolic link", folder ? "give the real folder, not a link to it"
                    : "delete it; Lifeline writes its own files there");
        }
        if (folder ? !Boolean.TRUE.equals(attributes.get("isDirectory"))
                : !Boolean.TRUE.equals(attributes.get("isRegularFile"))) {
            throw new NotPrivate(path, folder ? "it is not a folder" : "it is not a regular file",
                    folder ? "give a folder" : "delete it");
        }
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        Object owner = attributes.get("uid");
        boolean foreign = uid.isPresent() && owner != null && !uid.get().equals(owner);
        Object mode = attributes.get("mode");
        boolean shared = mode instanceof Integer bits && (bits & STICKY) != 0;
        if (foreign) {
            String name = attributes.get("owner") instanceof UserPrincipal principal ? principal.getName() : "?";
            problems.add("it is owned by " + name + " (uid " + owner + "), not by you (uid " + uid.get() + ")");
        }
        if (mode instanceof Integer bits && (bits & 0022) != 0) {
            problems.add(String.format("its mode is %04o: %s can write to it", bits & 07777,
                    (bits & 0022) == 0022 ? "group and others" : (bits & 0020) != 0 ? "its group" : "others"));
        }
        if (!problems.isEmpty()) {
            // Never advise chmod on a folder that is not yours or is shared on purpose (like /tmp).
            fixes.add(!folder ? (foreign ? "delete it" : chmod)
                    : foreign || shared ? "use a folder of your own (Lifeline creates a missing one 0700)" : chmod);
        }
        if (!problems.isEmpty()) {
            throw new NotPrivate(path, String.join(", and ", problems), String.join(", then ", fixes));
        }
    }

    private static byte[] readAll(Path path, SeekableByteChannel channel) throws IOException {
        if (channel.size() > MAX_READ) {
            throw new IOException(path + " is larger than " + MAX_READ + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // Until full or at its end.
        }
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static Optional<Integer> currentGid() {
        return unixId(true);
    }

    private static Optional<Integer> currentUid() {
        return unixId(false);
    }

    /** This process's primary gid or uid: from the JDK's own module, else from the owner of {@code /proc/self}. */
    private static Optional<Integer> unixId(boolean group) {
        if (!posix()) {
            return Optional.empty();
        }
        try {
            com.sun.security.auth.module.UnixSystem system = new com.sun.security.auth.module.UnixSystem();
            return Optional.of((int) (group ? system.getGid() : system.getUid()));
        } catch (LinkageError | RuntimeException noModule) {
            // A runtime without jdk.security.auth.
            try {
                return Optional.of((Integer) Files.getAttribute(Path.of("/proc/self"),
                        group ? "unix:gid" : "unix:uid"));
            } catch (IOException | RuntimeException unknown) {
                return Optional.empty();
            }
        }
    }
}
