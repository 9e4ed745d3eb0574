package com.lianarig.tools;

import com.lianarig.protocol.FrameDecoder;
import com.lianarig.protocol.FrameView;
import com.lianarig.protocol.Message;
import com.lianarig.protocol.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rig decode}: runs bytes captured from a host/node link (hex or binary) through the
 * protocol's {@link FrameDecoder}, accepting both directions, and prints every frame it finds, then
 * the decoder's drop counters.
 *
 * <pre>
 * $ rig decode "A5 5A 04 01 07 15 E8 03 00 00 8B 71 40 26" FF "A5 5A 02 02 05 11 01 09 15 34 10 E4"
 * offset=0 HOST_TO_NODE node=1 seq=7 HEARTBEAT Heartbeat[hostTimeMs=1000]
 * offset=15 HOST_TO_NODE node=2 seq=5 STOP rejected FIELD_OUT_OF_RANGE field=1: STOP: category = 9 is not a defined code
 * frames=2 garbageBytes=1 badLength=0 badCrc=0 unknownMessage=0 wrongDirection=0 payloadErrors=1 incompleteBytes=0
 * </pre>
 *
 * <p>The input is streamed through the decoder in chunks, as a link reader would, so a capture of
 * any size decodes in constant memory.
 */
@Command(name = "decode",
        mixinStandardHelpOptions = true,
        versionProvider = RigVersion.class,
        sortOptions = false,
        description = {
            "Decode host/node protocol frames from hex text or a binary capture (both directions).",
            "Prints one line per frame (byte offset, direction, node address, seq, message type and the"
                    + " message's fields, or why its payload was rejected), then the decoder's counters.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  rig decode \"A5 5A 04 01 07 15 E8 03 00 00 8B 71 40 26\"",
            "  rig decode --hex-file fixture.hex",
            "  socat -u /dev/ttyUSB0,raw,b115200 - | rig decode --file -",
        })
public final class DecodeCommand implements Callable<Integer> {
    /** Read size: many frames per read, and always room for one whole frame after compaction. */
    static final int CHUNK_BYTES = 64 * 1024;

    private final InputStream stdin;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "HEX",
            description = "Bytes as hex: spaces, colons, commas and 0x prefixes are allowed, # starts a comment.")
    List<String> hex = new ArrayList<>();

    @Option(names = "--hex-file", paramLabel = "FILE", description = "Read the bytes as hex text from FILE.")
    Path hexFile;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the raw bytes from FILE (- for stdin).")
    String binaryFile;

    @Option(names = {"-x", "--frame-hex"}, description = "Also print each frame's bytes in hex.")
    boolean frameHex;

    /** Reads {@code --file -} from the process's standard input. */
    public DecodeCommand() {
        this(System.in);
    }

    /** @param stdin what {@code --file -} reads */
    DecodeCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
        int sources = (hex.isEmpty() ? 0 : 1) + (hexFile == null ? 0 : 1) + (binaryFile == null ? 0 : 1);
        if (sources != 1) {
            throw new ParameterException(spec.commandLine(), sources == 0
                    ? "No input: give the bytes as HEX arguments, --hex-file FILE or --file FILE"
                    : "Give only one of HEX arguments, --hex-file FILE and --file FILE");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (InputStream in = open()) {
            decode(in, out);
        } catch (BadInputException e) {
            err.println("rig decode: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        } finally {
            out.flush();
        }
        return ExitCode.OK;
    }

    private InputStream open() throws BadInputException {
        if (!hex.isEmpty()) {
            return new ByteArrayInputStream(HexBytes.parse(String.join(" ", hex), "the HEX arguments"));
        }
        if (hexFile != null) {
            String text;
            try {
                text = Files.readString(hexFile, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                throw new BadInputException("hex file " + hexFile + " is not text (not UTF-8); for raw bytes use --file");
            } catch (IOException e) {
                throw unreadable("hex file", hexFile, e);
            }
            return new ByteArrayInputStream(HexBytes.parse(text, hexFile.toString()));
        }
        if (binaryFile.equals("-")) {
            return new NonClosingInputStream(stdin);
        }
        Path path = Path.of(binaryFile);
        try {
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw unreadable("file", path, e);
        }
    }

    private static BadInputException unreadable(String what, Path path, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (Files.isDirectory(path)) {
            reason = "it is a directory";
        } else {
            reason = e.getMessage();
        }
        return new BadInputException("cannot read " + what + " " + path + ": " + reason);
    }

    private void decode(InputStream in, PrintWriter out) throws BadInputException {
        FrameDecoder decoder = new FrameDecoder(null);
        FrameView view = new FrameView();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES);
        long bufferStartOffset = 0;
        long payloadErrors = 0;
        while (true) {
            int n;
            try {
                n = in.read(buffer.array(), buffer.position(), buffer.remaining());
            } catch (IOException e) {
                throw new BadInputException("reading the input failed after " + (bufferStartOffset + buffer.position())
                        + " bytes: " + e.getMessage());
            }
            if (n < 0) {
                break;
            }
            buffer.position(buffer.position() + n);
            buffer.flip();
            while (decoder.decode(buffer, view)) {
                long frameOffset = bufferStartOffset + buffer.position() - view.frameLength();
                if (!printFrame(out, frameOffset, view)) {
                    payloadErrors++;
                }
            }
            bufferStartOffset += buffer.position();
            buffer.compact();
        }
        out.println("frames=" + decoder.frames()
                + " garbageBytes=" + decoder.garbageBytes()
                + " badLength=" + decoder.badLength()
                + " badCrc=" + decoder.badCrc()
                + " unknownMessage=" + decoder.unknownMessage()
                + " wrongDirection=" + decoder.wrongDirection()
                + " payloadErrors=" + payloadErrors
                + " incompleteBytes=" + buffer.position());
    }

    /** Prints one frame; false when its payload broke the message's layout or a field's range. */
    private boolean printFrame(PrintWriter out, long offset, FrameView view) {
        String head = "offset=" + offset + " " + view.direction() + " node=" + view.nodeAddress() + " seq="
                + view.seq() + " " + view.type();
        boolean valid;
        try {
            Message message = view.toMessage();
            out.println(head + " " + message);
            valid = true;
        } catch (ProtocolException e) {
            out.println(head + " rejected " + e.error() + " field=" + e.fieldIndex() + ": " + e.getMessage());
            valid = false;
        }
        if (frameHex) {
            out.println("  " + view.toHex());
        }
        return valid;
    }
}
