package com.aiagents.platform.localrun;

import java.io.PrintStream;

/**
 * Everything the launcher prints goes through here (it is a console program). Secrets never reach
 * it, except the operator token that the summary prints on purpose, marked local-only.
 */
public final class Console {
    private final PrintStream out;

    public Console(PrintStream out) {
        this.out = out;
    }

    public static Console stdout() {
        return new Console(System.out);
    }

    /** A console that prints nothing (tests that only want the handles). */
    public static Console silent() {
        return new Console(new PrintStream(PrintStream.nullOutputStream()));
    }

    public void section(String title) {
        line("");
        line("== " + title);
    }

    public void ok(String what) {
        line("  [ok]   " + what);
    }

    public void skipped(String what, String why) {
        line("  [skip] " + what + ": " + why);
    }

    public void failed(String what, String why) {
        line("  [FAIL] " + what + ": " + why);
    }

    public void progress(String what) {
        line("  ...    " + what);
    }

    public void detail(String text) {
        for (String l : text.split("\n", -1)) {
            line("         " + l);
        }
    }

    public void line(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
