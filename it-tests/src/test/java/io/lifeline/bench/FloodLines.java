package io.lifeline.bench;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Finds the lines of {@code flood.py} ({@code flood <10-digit sequence number> xxx...}) in every file of a log folder:
 * {@code lifeline.log} and the rolled, gzipped {@code lifeline.<date>.<n>.log.gz} (a truncated archive is read as far
 * as it goes and named in the notes), and says which of the {@code written} lines are there.
 */
final class FloodLines {

    /** What the log folder holds of {@code written} flood lines. */
    record Count(long written, long found, long missing, long duplicates, int files, int archives, long bytes,
                 List<String> notes) {
    }

    private static final String MARK = "flood ";
    private static final int DIGITS = 10;

    private FloodLines() {
    }

    static Count in(Path logDir, long written) throws IOException {
        BitSet seen = new BitSet();
        long duplicates = 0;
        int files = 0;
        int archives = 0;
        long bytes = 0;
        List<String> notes = new ArrayList<>();
        List<Path> logs;
        try (Stream<Path> listing = Files.list(logDir)) {
            logs = listing.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path log : logs) {
            files++;
            bytes += Files.size(log);
            boolean archive = log.getFileName().toString().endsWith(".gz");
            if (archive) {
                archives++;
            }
            try (InputStream raw = Files.newInputStream(log);
                 BufferedReader lines = new BufferedReader(new InputStreamReader(
                         archive ? new GZIPInputStream(raw, 1 << 16) : raw, StandardCharsets.UTF_8), 1 << 16)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    long number = sequenceNumber(line);
                    if (number < 0) {
                        continue;
                    }
                    if (number >= written) {
                        notes.add("flood: line number " + number + " beyond the " + written + " written, in " + log);
                    } else if (seen.get((int) number)) {
                        duplicates++;
                    } else {
                        seen.set((int) number);
                    }
                }
            } catch (EOFException truncated) {
                notes.add("flood: " + log.getFileName() + " is truncated (read as far as it goes)");
            }
        }
        long found = seen.cardinality();
        if (found < written) {
            notes.add("flood: missing line numbers " + ranges(seen, written));
        }
        return new Count(written, found, written - found, duplicates, files, archives, bytes, notes);
    }

    /** The flood line's number, or -1 for any other line. */
    private static long sequenceNumber(String line) {
        int at = line.indexOf(MARK);
        if (at < 0 || line.length() < at + MARK.length() + DIGITS) {
            return -1;
        }
        long number = 0;
        for (int i = at + MARK.length(); i < at + MARK.length() + DIGITS; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    /** The first few runs of missing numbers below {@code written}: "[120000-239999], [...] (n runs)". */
    private static String ranges(BitSet seen, long written) {
        List<String> runs = new ArrayList<>();
        int runCount = 0;
        int from = seen.nextClearBit(0);
        while (from < written) {
            int to = (int) Math.min(written, seen.nextSetBit(from) < 0 ? written : seen.nextSetBit(from)) - 1;
            runCount++;
            if (runs.size() < 5) {
                runs.add("[" + from + "-" + to + "]");
            }
            from = seen.nextClearBit(to + 1);
        }
        return String.join(", ", runs) + " (" + runCount + " runs)";
    }
}
