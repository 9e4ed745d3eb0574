package com.lianarig.tools;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of {@code rig}: its exit code and what it wrote to stdout and stderr. */
record RigRun(int exitCode, String out, String err) {

    static RigRun of(String... args) {
        return withStdin(new ByteArrayInputStream(new byte[0]), args);
    }

    static RigRun withStdin(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine rig = RigCommand.commandLine(stdin);
        rig.setOut(new PrintWriter(out, true));
        rig.setErr(new PrintWriter(err, true));
        int exitCode = rig.execute(args);
        return new RigRun(exitCode, out.toString(), err.toString());
    }
}
