package io.lifeline.adapter.cli.state;

import io.lifeline.domain.port.out.PrivateFiles.NotPrivate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The one check of the run and log folders and of every file read from them, on real files. */
class OwnerOnlyFilesTest {

    /** A user other than the one the tests run as: nobody. */
    static final int OTHER_UID = 65534;

    @TempDir
    Path root;

    private final OwnerOnlyFiles files = new OwnerOnlyFiles();

    @Test
    void givenNoFolder_whenWriting_thenTheFolderIs0700AndTheFile0600() throws IOException {
        Path file = root.resolve("lifeline/run/backend-8000.json");

        files.write(file, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(files.read(file)).hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("{}"));
        try (var left = Files.list(file.getParent())) {
            assertThat(left).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void givenAFolderOthersCanWrite_whenUsingIt_thenRefusedNamingItsModeAndTheFix() throws IOException {
        Path shared = Files.createDirectory(root.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> files.folder(shared)).isInstanceOf(NotPrivate.class)
                .hasMessageContaining(shared.toString()).hasMessageContaining("mode is 0777")
                .hasMessageContaining("group and others can write").hasMessageContaining("chmod 700 " + shared);
        assertThatThrownBy(() -> files.read(shared.resolve("backend-8000.json"))).isInstanceOf(NotPrivate.class);
        assertThatThrownBy(() -> files.write(shared.resolve("x"), new byte[0])).isInstanceOf(NotPrivate.class);
        assertThat(shared.resolve("x")).doesNotExist();
    }

    @Test
    void givenAFolderOfAnotherUser_whenUsingIt_thenRefusedNamingItsOwner() throws IOException {
        Path theirs = Files.createDirectory(root.resolve("theirs"));
        chownOrSkip(theirs, OTHER_UID);

        assertThatThrownBy(() -> files.folder(theirs)).isInstanceOf(NotPrivate.class)
                .hasMessageContaining(theirs.toString()).hasMessageContaining("uid " + OTHER_UID)
                .hasMessageContaining("use a folder of your own");
    }

    @Test
    void givenAParentFolderAnyoneCanWrite_withoutTheStickyBit_thenRefusedNamingTheParent() throws IOException {
        Path shared = Files.createDirectory(root.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path run = shared.resolve("lifeline").resolve("run");

        assertThatThrownBy(() -> files.folder(run)).isInstanceOf(NotPrivate.class)
                .hasMessageContaining("its parent folder " + shared).hasMessageContaining("can be written by anyone")
                .hasMessageNotContaining("chmod");
        assertThatThrownBy(() -> files.read(shared.resolve("lifeline/run/backend-8000.json")))
                .as("a swapped folder would be read through").isInstanceOf(NotPrivate.class);
    }

    @Test
    void givenAParentFolderLikeTmp_anyoneCanWriteButTheStickyBitIsSet_thenAPrivateFolderInItIsUsed()
            throws IOException {
        Path sticky = Files.createDirectory(root.resolve("tmp"));
        Files.setAttribute(sticky, "unix:mode", 01777);

        Path run = files.folder(sticky.resolve("run"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run))).isEqualTo("rwx------");
        assertThatThrownBy(() -> files.folder(sticky)).as("but not the shared folder itself, and no chmod advice")
                .isInstanceOf(NotPrivate.class).hasMessageContaining("use a folder of your own")
                .hasMessageNotContaining("chmod");
    }

    @Test
    void givenAParentFolderOfAnotherUser_thenRefused() throws IOException {
        Path theirs = Files.createDirectory(root.resolve("theirs"));
        Path run = Files.createDirectory(theirs.resolve("run"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        chownOrSkip(theirs, OTHER_UID);

        assertThatThrownBy(() -> files.folder(run)).isInstanceOf(NotPrivate.class)
                .hasMessageContaining("its parent folder " + theirs + " is owned by uid " + OTHER_UID);
    }

    @Test
    void givenAFolderAndAnOutputFileAnOlderLifelineLeftReadable_thenBothAreMadeOwnerOnly() throws IOException {
        Path run = Files.createDirectory(root.resolve("run"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path output = Files.writeString(run.resolve("backend-8000.out"), "token=abc\n");
        Files.setPosixFilePermissions(output, PosixFilePermissions.fromString("rw-r--r--"));

        long size = files.appendable(output);

        assertThat(size).isEqualTo(Files.size(output));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(output))).isEqualTo("rw-------");
    }

    @Test
    void givenAFolderLeftGroupWritableForYourOwnGroup_underUmask002_thenItIsMadeOwnerOnly_notRefused()
            throws IOException {
        Path logs = Files.createDirectory(root.resolve("logs"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxr-x"));

        files.folder(logs);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs))).isEqualTo("rwx------");
    }

    @Test
    void givenAParentWritableByAGroupNotYourOwn_thenRefused() throws IOException {
        Path team = Files.createDirectory(root.resolve("team"));
        Files.setAttribute(team, "unix:mode", 02775);
        try {
            Files.setAttribute(team, "unix:gid", OTHER_UID);
        } catch (IOException | UnsupportedOperationException notAllowed) {
            assumeThat(false).as("cannot give " + team + " to another group here: " + notAllowed).isTrue();
        }

        assertThatThrownBy(() -> files.folder(team.resolve("run"))).isInstanceOf(NotPrivate.class)
                .hasMessageContaining("its parent folder " + team + " can be written by its group");
    }

    @Test
    void givenALinkToAFolderUnderAParentAnyoneCanWrite_thenRefused_theParentsOfWhereItPointsCount()
            throws IOException {
        Path shared = Files.createDirectory(root.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path target = Files.createDirectory(shared.resolve("lifeline"));
        Path home = Files.createDirectory(root.resolve("home"));
        Path link = Files.createSymbolicLink(home.resolve(".lifeline"), target);

        assertThatThrownBy(() -> files.folder(link.resolve("run"))).isInstanceOf(NotPrivate.class)
                .hasMessageContaining("its parent folder " + shared);
    }

    @Test
    void givenAFileOfAnotherUserOrWritableByOthers_whenReading_thenRefused() throws IOException {
        Path folder = files.folder(root.resolve("run"));
        Path theirs = Files.writeString(folder.resolve("interpreters.properties"), "k=v");
        Path writable = Files.writeString(folder.resolve("backend-8000.json"), "{}");
        Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertThatThrownBy(() -> files.read(writable)).isInstanceOf(NotPrivate.class)
                .hasMessageContaining("mode is 0666").hasMessageContaining("chmod 600 " + writable);
        chownOrSkip(theirs, OTHER_UID);
        assertThatThrownBy(() -> files.read(theirs)).isInstanceOf(NotPrivate.class)
                .hasMessageContaining("uid " + OTHER_UID);
    }

    @Test
    void givenALinkInTheFolder_whenReadingAppendingOrLocking_thenRefusedAndItsTargetUntouched() throws IOException {
        Path folder = files.folder(root.resolve("run"));
        Path target = Files.writeString(root.resolve("secret.txt"), "theirs");
        Path record = Files.createSymbolicLink(folder.resolve("backend-8000.json"), target);
        Path output = Files.createSymbolicLink(folder.resolve("backend-8000.out"), target);
        Path lock = Files.createSymbolicLink(folder.resolve("ports.lock"), target);

        assertThatThrownBy(() -> files.read(record)).isInstanceOf(NotPrivate.class)
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> files.appendable(output)).isInstanceOf(NotPrivate.class);
        assertThatThrownBy(() -> files.openForLocking(lock)).isInstanceOf(NotPrivate.class);
        assertThat(target).hasContent("theirs");
    }

    @Test
    void givenALinkWhereAFileIsWritten_whenWriting_thenTheLinkIsReplacedNotFollowed() throws IOException {
        Path folder = files.folder(root.resolve("run"));
        Path target = Files.writeString(root.resolve("elsewhere.txt"), "unchanged");
        Path record = Files.createSymbolicLink(folder.resolve("backend-8000.json"), target);

        files.write(record, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("unchanged");
        assertThat(Files.isSymbolicLink(record)).isFalse();
        assertThat(Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void givenNoOutputFile_whenMadeAppendable_thenCreated0600AndItsSizeGiven() throws IOException {
        Path output = root.resolve("run/backend-8000.out");

        assertThat(files.appendable(output)).isZero();
        Files.writeString(output, "line\n");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(output))).isEqualTo("rw-------");
        assertThat(files.appendable(output)).isEqualTo(5);
    }

    @Test
    void givenAFolderThatIsALink_whenUsingIt_thenRefused() throws IOException {
        Path real = files.folder(root.resolve("real"));
        Path link = Files.createSymbolicLink(root.resolve("run"), real);

        assertThatThrownBy(() -> files.folder(link)).isInstanceOf(NotPrivate.class)
                .hasMessageContaining("symbolic link");
    }

    static void chownOrSkip(Path path, int uid) throws IOException {
        try {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | SecurityException | UnsupportedOperationException notAllowed) {
            assumeThat(false).as("cannot give " + path + " to uid " + uid + " here (not root): " + notAllowed)
                    .isTrue();
        }
        assumeThat(Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS))
                .as("owner of " + path + " changed").isEqualTo(uid);
    }
}
