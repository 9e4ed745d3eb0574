package com.lianarig.config.yaml;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Decoding a file's bytes, and the text rules for paths. */
public final class Texts {
    private Texts() {
    }

    /**
     * Strict UTF-8 (a leading byte-order mark is dropped).
     *
     * @return the text, or null when the bytes are not UTF-8 (reported)
     */
    public static String utf8(byte[] bytes, Problems problems) {
        if (bytes.length > 4L * Documents.MAX_CHARS) {
            problems.addAt(null, "is larger than " + (Documents.MAX_CHARS >> 10) + " KiB: not a file of this kind");
            return null;
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            problems.addAt(null, "is not UTF-8 text");
            return null;
        }
    }

    /** An I/O failure in words, without exception class names: "Is a directory", "Permission denied". */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    /** A file-system path: non-blank, at most 4096 characters, and one the platform accepts. */
    public static final TextRule PATH = t -> {
        if (t.isBlank()) {
            return "is blank";
        }
        if (t.length() > 4096) {
            return "is longer than 4096 characters";
        }
        try {
            Path.of(t);
            return null;
        } catch (InvalidPathException e) {
            return "is not a valid path: " + e.getReason();
        }
    };
}
