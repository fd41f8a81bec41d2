package io.kadring.bootstrap.bench;

/** The few {@code --name value} and {@code --flag} arguments the benchmark mains take. */
final class BenchArgs {
    private BenchArgs() {}

    /** The value after {@code name}, or {@code otherwise} when it is absent. */
    static String value(String[] args, String name, String otherwise) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) return args[i + 1];
        }
        return otherwise;
    }

    /** Whether {@code name} is among the arguments. */
    static boolean flag(String[] args, String name) {
        for (String a : args) {
            if (a.equals(name)) return true;
        }
        return false;
    }
}
