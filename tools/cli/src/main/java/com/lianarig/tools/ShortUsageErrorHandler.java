package com.lianarig.tools;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The policy for usage errors (unknown option or command, missing or bad argument): the error, any
 * "did you mean" suggestions and the synopsis on stderr, then exit code 2. The full help stays
 * behind {@code --help}, so the error is not lost above it.
 */
final class ShortUsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + message(ex, cmd));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.print(cmd.getHelp().fullSynopsis());
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return cmd.getExitCodeExceptionMapper() != null
                ? cmd.getExitCodeExceptionMapper().getExitCode(ex)
                : cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Picocli's message, except that a stray word where a command belongs is called an unknown command. */
    private static String message(ParameterException ex, CommandLine cmd) {
        if (ex instanceof UnmatchedArgumentException unmatched && !cmd.getSubcommands().isEmpty()) {
            var words = unmatched.getUnmatched();
            if (!words.isEmpty() && !words.get(0).startsWith("-")) {
                return "Unknown command: '" + words.get(0) + "'";
            }
        }
        return ex.getMessage();
    }
}
