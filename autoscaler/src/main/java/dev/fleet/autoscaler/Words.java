package dev.fleet.autoscaler;

/** Reasons are read by people in logs and the CLI, so counts agree with their nouns. */
final class Words {
    private Words() {
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
