package dev.fleet.cli.simulate;

import dev.fleet.cli.command.FleetException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files named by options, checked before any work starts: an input must be a readable file of UTF-8 text, an output
 * must go into an existing folder and not over a folder. Each refusal is bad input, one line naming the option and the
 * file, or the file and line for text that is not UTF-8.
 */
final class OptionFiles {
    /** No line of a trace or a list of boot times comes near this; a file with one is not such a file. */
    static final int MAX_LINE = 64 * 1024;

    private OptionFiles() {
    }

    /**
     * {@code file} opened as UTF-8 text, line by line: a line that is not UTF-8, or longer than {@link #MAX_LINE}
     * bytes, is bad input naming the file and the line.
     */
    static BufferedReader open(String option, Path file) throws IOException {
        if (!Files.exists(file)) {
            throw FleetException.badInput(option + ": " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw FleetException.badInput(option + ": " + file + " is a folder, not a file");
        }
        if (!Files.isReadable(file)) {
            throw FleetException.badInput(option + ": " + file + " cannot be read (permission denied)");
        }
        return new BufferedReader(new StrictUtf8Reader(Files.newInputStream(file), file.toString()));
    }

    /** Every line of {@code file}, read as {@link #open} reads it. */
    static List<String> lines(String option, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = open(option, file)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Refuses an output file whose folder is missing, or that is a folder itself. */
    static void checkOutput(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw FleetException.badInput(option + ": " + file + " is a folder; name a file in it");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw FleetException.badInput(option + ": the folder " + folder + " does not exist");
        }
    }

    /**
     * Decodes one line at a time and hands out no more than that line, so the line a decoding error is on is known
     * (a reader decoding in blocks fails at the block, lines before the bad one).
     */
    private static final class StrictUtf8Reader extends Reader {
        private final InputStream in;
        private final String source;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private CharBuffer line = CharBuffer.allocate(0);
        private int lineNumber;

        StrictUtf8Reader(InputStream in, String source) {
            this.in = new BufferedInputStream(in);
            this.source = source;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (!line.hasRemaining() && !nextLine()) {
                return -1;
            }
            int count = Math.min(length, line.remaining());
            line.get(buffer, offset, count);
            return count;
        }

        private boolean nextLine() throws IOException {
            bytes.reset();
            int b = in.read();
            if (b < 0) {
                return false;
            }
            lineNumber++;
            for (; b >= 0; b = b == '\n' ? -1 : in.read()) {
                bytes.write(b);
                if (bytes.size() > MAX_LINE) {
                    throw FleetException.badInput(source + ":" + lineNumber + ": a line longer than " + MAX_LINE
                            + " bytes");
                }
            }
            try {
                line = decoder.decode(ByteBuffer.wrap(bytes.toByteArray()));
            } catch (CharacterCodingException e) {
                throw FleetException.badInput(source + ":" + lineNumber + ": not UTF-8 text");
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
