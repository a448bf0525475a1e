package io.lifeline.adapter.cli.state;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A process that takes a port's lock and never lets go until its stdin closes or it is killed: what a hung
 * {@code lifeline start} looks like to the next one. Run by {@link PortLockTest} as a child JVM.
 */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.lock(Long.parseLong(args[1]), 1, false);
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Holds the lock until stdin closes.
            }
        }
    }
}
