package ru.journalarchive.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that does something; its exit code is what {@link #call()} returns. Its output goes to
 * the byte stream {@link Cli} was given (verify may write a PDF there), not to picocli's writer.
 */
abstract class CliCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    PrintStream out() {
        return ((Cli) spec.root().userObject()).out;
    }

    /** For notes beside the output, which a program reading stdout should not get. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
