package io.kadring.bootstrap.cli;

import java.io.OutputStream;

/**
 * What a command sees of the run it belongs to, besides picocli's writers: its environment
 * variables and standard output as bytes. The top command ({@code Main}) implements it, and
 * subcommands get it as their {@code @ParentCommand}, so they need not know that class.
 */
public interface Invocation {
    /** Standard output as bytes, for commands that print raw bytes; flush their PrintWriter first. */
    OutputStream stdout();

    /** An environment variable, or null; commands read the environment only through here. */
    String environment(String name);
}
