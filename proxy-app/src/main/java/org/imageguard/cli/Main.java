package org.imageguard.cli;

/** Entry point of {@code imageguard.jar}; the command line arrives with the foundation issue. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("ImageGuard: not yet available");
        System.exit(2);
    }
}
